package org.dwimotion.registration.method;

/**
 * Finest-level smoothing for a moving image that is noisier than the fixed one: a cap on the
 * finest Gaussian sigma, in voxels of the fixed image, as a function of the moving image's
 * signal-to-noise ratio (fixed median in the mask over the extra noise σ of
 * {@link org.dwimotion.registration.intensity.NoiseFloorModel}).
 *
 * <p>Why: the default finest sigma (0.75 voxel) equalises the blur of a resampled image against an
 * original one; on noisy pairs the diffusion-weighted volumes lose accuracy with it even after
 * the noise floor is matched, while b=0 volumes keep needing it. Measured with the registration
 * benchmark's pairs (docs/registration.md, "Noisy pairs"), finest sigma 0.4 / 0.55 / 0.75 voxel:
 * of the 40 diffusion-weighted noisy pairs at SNR 1.2–13.6 (four noise levels, one set with a
 * noise-free simulated fixed image) 32 are best at 0.4, 8 at 0.55, and 36 are better at 0.4 than at
 * 0.75 (e.g. SNR 2.4: 0.060 / 0.118 / 0.185 mm; SNR 10.9: 0.022 / 0.027 / 0.049 mm; the worst
 * exception, SNR 1.2: 0.217 / 0.090 / 0.124 mm); 37 of the 45 b=0 pairs (SNR 14–56) are best at
 * 0.75 (SNR 14: 0.080 / 0.032 / 0.016 mm). The SNR here is the volume's own (median fixed value in the mask over the extra noise),
 * so a b=0 volume, bright in the mask, lands above {@link #HIGH_SNR} at the noise levels measured; a
 * DWI at SNR 15–22 would still gain from 0.4 (0.008 / 0.015 / 0.020 mm at SNR 21) but is left
 * uncapped. Between {@link #LOW_SNR} and {@link #HIGH_SNR} the cap moves linearly. Rigid
 * transforms only ({@link #MAX_PARAMETERS}). The job never reaches this rule: its fixed image
 * carries the floor already, so the extra noise is 0.
 */
public final class NoisyPairSmoothing {
    /** At or below this SNR the cap is {@link #LOW_SNR_SIGMA_VOXELS}. */
    public static final double LOW_SNR = 11;
    /** At or above this SNR there is no cap. */
    public static final double HIGH_SNR = 14;
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
