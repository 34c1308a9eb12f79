package org.dwimotion.sim;

import java.util.Random;

/**
 * Rician noise as in magnitude MR images: the magnitude of the signal plus complex Gaussian noise,
 * {@code |s + σ(n₁ + i n₂)|}, n₁, n₂ ~ N(0, 1) independent. Background voxels (s = 0) become
 * Rayleigh-distributed.
 */
public final class RicianNoise {
    private RicianNoise() {
    }

    /**
     * Replaces each sample s of {@code data[from, from + length)} by |s + σ(n₁ + i n₂)|.
     *
     * @param data  samples. Modified in place.
     * @param sigma standard deviation of each Gaussian component (same units as data), ≥ 0
     * @param rng   source of Gaussians; advanced by 2 × length draws
     */
    public static void addInPlace(float[] data, int from, int length, double sigma, Random rng) {
        for (int i = from; i < from + length; i++) {
            double re = data[i] + sigma * rng.nextGaussian();
            double im = sigma * rng.nextGaussian();
            data[i] = (float) Math.sqrt(re * re + im * im);
        }
    }
}
