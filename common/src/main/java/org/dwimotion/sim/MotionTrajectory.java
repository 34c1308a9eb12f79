package org.dwimotion.sim;

import java.util.Random;

/**
 * Generates per-volume head motion: a smooth drift plus a few sudden spikes.
 *
 * <p>Each of the six parameters drifts independently as a linear trend plus three slow sinusoids
 * (0.3–1.5 cycles over the series, random phases), shifted so that volume 0 is exactly the identity
 * and scaled so its peak magnitude is between 25 % and 50 % of the allowed maximum. A spike is one
 * volume (never volume 0) where every parameter jumps by a further ±25–50 % of its maximum and
 * returns to the drift on the next volume, as when a subject twitches. No parameter ever exceeds
 * its maximum in magnitude.
 *
 * <p>Deterministic: the same seed gives the same trajectory ({@link java.util.Random}, whose
 * algorithm the JDK specifies).
 */
public final class MotionTrajectory {
    private MotionTrajectory() {
    }

    /** Per-volume motion and which volumes are spikes. */
    public record Result(RigidMotion[] motion, boolean[] spike) {
    }

    /**
     * @param nVolumes       series length (≥ 1)
     * @param maxTranslation largest |translation| per axis, mm (≥ 0)
     * @param maxRotation    largest |angle| per axis, radians (≥ 0)
     * @param spikes         number of spike volumes, 0 … nVolumes−1
     */
    public static Result generate(int nVolumes, double maxTranslation, double maxRotation, int spikes, long seed) {
        if (nVolumes < 1 || spikes < 0 || spikes > nVolumes - 1) {
            throw new IllegalArgumentException("spikes must be between 0 and " + (nVolumes - 1) + ", got " + spikes);
        }
        if (!(maxTranslation >= 0) || !(maxRotation >= 0)) {
            throw new IllegalArgumentException("maximum translation and rotation must be ≥ 0");
        }
        Random rng = new Random(seed);
        double[][] p = new double[6][nVolumes];
        for (int q = 0; q < 6; q++) {
            double max = q < 3 ? maxTranslation : maxRotation;
            drift(rng, p[q]);
            double peak = 0;
            for (double v : p[q]) {
                peak = Math.max(peak, Math.abs(v));
            }
            double scale = peak > 0 ? max * (0.25 + 0.25 * rng.nextDouble()) / peak : 0;
            for (int t = 0; t < nVolumes; t++) {
                p[q][t] *= scale;
            }
        }
        boolean[] spike = new boolean[nVolumes];
        for (int s = 0; s < spikes; s++) {
            int v;
            do {
                v = 1 + rng.nextInt(nVolumes - 1);
            } while (spike[v]);
            spike[v] = true;
            for (int q = 0; q < 6; q++) {
                double max = q < 3 ? maxTranslation : maxRotation;
                double sign = rng.nextBoolean() ? 1 : -1;
                p[q][v] += sign * max * (0.25 + 0.25 * rng.nextDouble());
            }
        }
        RigidMotion[] motion = new RigidMotion[nVolumes];
        for (int t = 0; t < nVolumes; t++) {
            motion[t] = new RigidMotion(p[0][t], p[1][t], p[2][t], p[3][t], p[4][t], p[5][t]);
        }
        return new Result(motion, spike);
    }

    /** A trend plus three slow sinusoids, zero at t = 0; out is filled. */
    private static void drift(Random rng, double[] out) {
        int n = out.length;
        double span = Math.max(1, n - 1);
        double trend = 2 * rng.nextDouble() - 1;
        double[] amp = new double[3], freq = new double[3], phase = new double[3];
        for (int k = 0; k < 3; k++) {
            amp[k] = rng.nextDouble();
            freq[k] = 0.3 + 1.2 * rng.nextDouble();
            phase[k] = 2 * Math.PI * rng.nextDouble();
        }
        for (int t = 0; t < n; t++) {
            double v = trend * t / span;
            for (int k = 0; k < 3; k++) {
                v += amp[k] * (Math.sin(2 * Math.PI * freq[k] * t / span + phase[k]) - Math.sin(phase[k]));
            }
            out[t] = v;
        }
    }
}
