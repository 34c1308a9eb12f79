package org.dwimotion.registration.metric;

import org.dwimotion.resample.Interpolator;

/**
 * Mattes mutual information between the fixed samples and the moving image seen through a fixed → moving affine: the
 * similarity of a cross-contrast pair (e.g. a mean b=0 image and a mean diffusion-weighted image, where CSF is bright
 * in one and dark in the other), which a least-squares metric cannot compare.
 *
 * <p>Conventions: world RAS mm; the matrix is 4×4 row-major, fixed → moving (ITK); sample s is compared with the
 * moving image at {@code T·x_s}. Samples that {@code T} maps outside the moving image's voxel extent are left out
 * (ITK does the same); when fewer than {@link #MIN_VALID_FRACTION} of them remain, the value is 0 (no information),
 * so an optimiser is pushed back. Intensity ranges: the fixed samples' and the whole moving image's [min, max],
 * fixed for the metric's life, so the binning does not move with the transform. Not thread-safe.
 */
public final class MutualInformationMetric {
    /** Fewest samples (as a fraction of all) that must fall inside the moving image for a value. */
    public static final double MIN_VALID_FRACTION = 0.5;

    private final FixedImageSamples samples;
    private final Interpolator moving;
    private final ParzenJointHistogram histogram;
    private int evaluations;

    /**
     * @param samples fixed sample points and values (not modified)
     * @param moving  the moving image's interpolator; used from this thread only (give each metric its own
     *                {@link Interpolator#copy()})
     * @param bins    histogram bins per axis
     */
    public MutualInformationMetric(FixedImageSamples samples, Interpolator moving, int bins) {
        if (samples.count() == 0) {
            throw new IllegalArgumentException("mutual information needs at least one fixed sample (empty mask?)");
        }
        this.samples = samples;
        this.moving = moving;
        double fMin = Double.POSITIVE_INFINITY, fMax = Double.NEGATIVE_INFINITY;
        for (double v : samples.values()) {
            fMin = Math.min(fMin, v);
            fMax = Math.max(fMax, v);
        }
        double mMin = Double.POSITIVE_INFINITY, mMax = Double.NEGATIVE_INFINITY;
        for (float v : moving.image().data()) {
            mMin = Math.min(mMin, v);
            mMax = Math.max(mMax, v);
        }
        this.histogram = new ParzenJointHistogram(bins, fMin, fMax, mMin, mMax);
    }

    /**
     * The mutual information (nats, ≥ 0) at a transform.
     *
     * @param fixedToMoving 16 values, 4×4 row-major, world mm. Not modified.
     */
    public double value(double[] fixedToMoving) {
        evaluations++;
        double[] m = fixedToMoving;
        double[] p = samples.points();
        double[] f = samples.values();
        histogram.clear();
        int valid = 0;
        for (int s = 0; s < samples.count(); s++) {
            double x = p[3 * s], y = p[3 * s + 1], z = p[3 * s + 2];
            double tx = m[0] * x + m[1] * y + m[2] * z + m[3];
            double ty = m[4] * x + m[5] * y + m[6] * z + m[7];
            double tz = m[8] * x + m[9] * y + m[10] * z + m[11];
            if (!moving.isInsideBufferAtWorld(tx, ty, tz)) {
                continue;
            }
            histogram.add(f[s], moving.evaluateAtWorld(tx, ty, tz));
            valid++;
        }
        return valid < MIN_VALID_FRACTION * samples.count() ? 0 : histogram.mutualInformation();
    }

    /** How many times {@link #value} has run. */
    public int evaluations() {
        return evaluations;
    }
}
