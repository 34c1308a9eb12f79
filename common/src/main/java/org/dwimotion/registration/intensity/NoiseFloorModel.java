package org.dwimotion.registration.intensity;

import org.dwimotion.image.Image3D;

/**
 * Fixed-image intensity model that gives the fixed image the moving image's extra noise floor.
 *
 * <p>Why: magnitude MR images carry a Rician noise floor. When the moving image is noisier than
 * the fixed one (e.g. a noise-free or averaged reference against a single noisy volume), the
 * relation between the two is nonlinear at low signal: the moving side is lifted towards
 * σ √(π/2) where the fixed side is near zero. The linear intensity matching of the metric cannot
 * absorb that, and the Gaussian smoothing of each level turns it into a geometric bias near every
 * low-signal edge (docs/registration.md, "Noise floor"). Mapping each fixed value F through the
 * Rician mean {@code E|F + n|} with the extra noise σ (RicianOps) gives both sides the same floor
 * before smoothing; it is a monotone, pointwise map, so the fixed geometry is unchanged.
 *
 * <p>σ comes from {@link BackgroundLevels}: the σ that lifts the fixed background median to the
 * moving background median. It is 0 (the map is the identity) when the moving background is not
 * brighter than the fixed one, as in the motion-correction job, whose fixed image is a prediction
 * fitted to the noisy data and so already carries the floor.
 *
 * @param sigma extra noise of the moving image per complex channel, in intensity units, ≥ 0
 */
public record NoiseFloorModel(double sigma) {
    /** The identity map. */
    public static final NoiseFloorModel NONE = new NoiseFloorModel(0);

    public NoiseFloorModel {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise floor sigma must be finite and >= 0, got " + sigma);
        }
    }

    /** The model for these background levels; {@link #NONE} when they are unavailable. */
    public static NoiseFloorModel fromBackground(BackgroundLevels levels) {
        if (levels == null) {
            return NONE;
        }
        double s = RicianOps.sigmaLifting(levels.fixedMedian(), levels.movingMedian());
        return s > 0 ? new NoiseFloorModel(s) : NONE;
    }

    /** Estimates from the backgrounds of the two images (see {@link BackgroundLevels#measure}). */
    public static NoiseFloorModel estimate(Image3D fixed, Image3D moving, Image3D fixedMask) {
        return fromBackground(BackgroundLevels.measure(fixed, moving, fixedMask));
    }

    public boolean isIdentity() {
        return sigma == 0;
    }

    /**
     * Signal-to-noise ratio the extra noise leaves the moving image with: the median fixed value
     * inside the mask (every other voxel in storage order) over {@link #sigma}. +infinity for the identity map, or when the mask is null
     * or empty.
     *
     * @param fixedMask same grid as {@code fixed}, nonzero = inside. Neither is modified.
     */
    public double signalToNoise(Image3D fixed, Image3D fixedMask) {
        if (isIdentity() || fixedMask == null) {
            return Double.POSITIVE_INFINITY;
        }
        float[] f = fixed.data();
        float[] m = fixedMask.data();
        float[] inside = new float[(f.length + 1) / 2];
        int n = 0;
        for (int v = 0; v < f.length; v += 2) { // every other voxel: a median needs no more
            if (m[v] != 0) {
                inside[n++] = f[v];
            }
        }
        if (n == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(BackgroundLevels.median(inside, n)) / sigma;
    }

    /**
     * @return {@code fixed} itself when the map is the identity, else a new image on the same grid
     *         holding {@code E|F + n|} per voxel. The input is not modified.
     */
    public Image3D apply(Image3D fixed) {
        if (isIdentity()) {
            return fixed;
        }
        float[] f = fixed.data();
        float[] out = new float[f.length];
        for (int v = 0; v < f.length; v++) {
            out[v] = (float) RicianOps.expectedMagnitude(f[v], sigma);
        }
        return new Image3D(fixed.geometry(), out);
    }
}
