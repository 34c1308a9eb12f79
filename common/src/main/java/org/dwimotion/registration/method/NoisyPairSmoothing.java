package org.dwimotion.registration.method;

/**
 * Finest-level smoothing for a moving image that is noisier than the fixed one: a cap on the
 * finest Gaussian sigma, in voxels of the fixed image, as a function of the moving image's
 * signal-to-noise ratio (fixed median in the mask over the extra noise σ of
 * {@link org.dwimotion.registration.intensity.NoiseFloorModel}).
 *
 * <p>Why: the default finest sigma (0.75 voxel) equalises the blur of a resampled image against an
 * original one, which matters at high SNR; at low SNR the same smoothing costs accuracy even after
 * the noise floor is matched. Measured on the 40 noisy phantom pairs of the registration benchmark
 * (docs/registration.md, "Noisy pairs"): b0 pairs (SNR 28) are best at 0.75 voxel (median 0.025 mm,
 * 0.06–0.10 mm at 0.4), diffusion-weighted ones (SNR 2.4–11) at 0.3–0.4 voxel (median 0.030 mm
 * against 0.060 mm at 0.75). Between {@link #LOW_SNR} and {@link #HIGH_SNR} the cap moves linearly
 * (no pair of the benchmark lies there). Rigid transforms only ({@link #MAX_PARAMETERS}). The job
 * never reaches this rule: its fixed image carries the floor already, so the extra noise is 0.
 */
public final class NoisyPairSmoothing {
    /** At or below this SNR the cap is {@link #LOW_SNR_SIGMA_VOXELS}. */
    public static final double LOW_SNR = 12;
    /** At or above this SNR there is no cap. */
    public static final double HIGH_SNR = 24;
    /** Finest sigma (voxels) for a low-SNR moving image. */
    public static final double LOW_SNR_SIGMA_VOXELS = 0.4;
    /**
     * Rigid only: an affine transform's 6 further parameters follow the noise of a less smoothed
     * image (phantom b=1000 affine pair with extra noise, SNR about 8: 0.034 mm at 0.75 voxel, 0.040
     * at 0.65, 0.072 at 0.55, 0.145 at 0.4; PhantomRegistrationTest.affineShearAndScale).
     */
    public static final int MAX_PARAMETERS = 6;

    private NoisyPairSmoothing() {
    }

    /**
     * @param snr        moving-image SNR (≥ 0; +infinity or NaN when no extra noise was found)
     * @param parameters number of transform parameters: above {@link #MAX_PARAMETERS} there is no cap
     * @return the largest finest sigma in voxels for that SNR; +infinity = no cap
     */
    public static double finestSigmaCapVoxels(double snr, int parameters) {
        if (parameters > MAX_PARAMETERS || !(snr < HIGH_SNR)) {
            return Double.POSITIVE_INFINITY;
        }
        if (snr <= LOW_SNR) {
            return LOW_SNR_SIGMA_VOXELS;
        }
        double t = (snr - LOW_SNR) / (HIGH_SNR - LOW_SNR);
        return LOW_SNR_SIGMA_VOXELS + t * (RegistrationSettings.FINEST_SIGMA_VOXELS - LOW_SNR_SIGMA_VOXELS);
    }
}
