package org.dwimotion.sim;

import java.util.Arrays;
import org.dwimotion.Conventions;

/**
 * Everything that defines a simulated series. Validated on construction with messages that name
 * the option ({@code --shape}, {@code --snr}, …) so the command line can show them as they are.
 *
 * @param shape              grid size (nx, ny, nz), each 16 … 256
 * @param voxelMm            isotropic voxel size, mm, in (0.5, 10]
 * @param shells             distinct diffusion-weighted b-values, s/mm², each in (50, 3500] and at least
 *                           {@link Conventions#DEFAULT_SHELL_TOLERANCE} apart
 * @param directionsPerShell directions per shell, 6 … 500
 * @param b0Count            number of b=0 volumes, ≥ 1 (volume 0 is always one)
 * @param snr                S0 of white matter / σ of the noise; 0 means no noise
 * @param maxTranslationMm   largest |translation| per axis, mm, 0 … 20
 * @param maxRotationDegrees largest |rotation| per axis, degrees, 0 … 20
 * @param spikes             number of sudden-motion volumes, 0 … volumes − 1
 * @param eddyFraction       eddy-current-like distortion strength (fraction of the distance to the
 *                           FOV centre at b = bmax), 0 … 0.1
 * @param seed               seed of every random choice (motion, noise)
 * @param voxelSamples       points per voxel axis whose signals a voxel averages (its partial volume; see
 *                           {@link PhantomSignal#voxelMean}), 1 … {@value #MAX_VOXEL_SAMPLES}; 1 = point samples
 */
public record SimulationConfig(int[] shape, double voxelMm, double[] shells, int directionsPerShell, int b0Count,
                               double snr, double maxTranslationMm, double maxRotationDegrees, int spikes,
                               double eddyFraction, long seed, int voxelSamples) {
    /** Largest b-value accepted: beyond it the white-matter DKI signal would rise again with b. */
    public static final double MAX_B = 3500;
    public static final int MIN_SIZE = 16, MAX_SIZE = 256;
    /**
     * Default points per voxel axis: 2 (8 per voxel). Point samples (1) of the phantom's high-b contrast alias:
     * a noise-free b=3000 volume registered to its own exact reference with a plain SSD was off by 0.11 mm
     * (rotations 10 % short) on a 2.5 mm grid, 0.012 mm with 2 and 0.008 mm with 3 (docs/accuracy.md, "Voxels
     * that average their volume"), at 2× and 5× the rendering time.
     */
    public static final int DEFAULT_VOXEL_SAMPLES = 2;
    public static final int MAX_VOXEL_SAMPLES = 4;

    public SimulationConfig {
        shape = shape == null ? null : shape.clone();
        shells = shells == null ? null : shells.clone();
        if (shape == null || shape.length != 3) {
            throw new IllegalArgumentException("--shape needs three sizes X,Y,Z");
        }
        for (int s : shape) {
            if (s < MIN_SIZE || s > MAX_SIZE) {
                throw new IllegalArgumentException("--shape " + shapeText(shape) + ": each size must be between "
                        + MIN_SIZE + " and " + MAX_SIZE + " voxels (the phantom needs room for a brain)");
            }
        }
        if (!(voxelMm > 0.5 && voxelMm <= 10)) {
            throw new IllegalArgumentException("--voxel " + voxelMm + ": must be in (0.5, 10] mm");
        }
        if (shells == null || shells.length == 0) {
            throw new IllegalArgumentException("--shells needs at least one b-value");
        }
        double[] sorted = shells.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (!(sorted[i] > Conventions.DEFAULT_B0_THRESHOLD && sorted[i] <= MAX_B)) {
                throw new IllegalArgumentException("--shells: b=" + sorted[i] + " must be in ("
                        + Conventions.DEFAULT_B0_THRESHOLD + ", " + MAX_B + "] s/mm² (the tissue DKI signal is "
                        + "only physical up to about " + MAX_B + ")");
            }
            if (i > 0 && sorted[i] - sorted[i - 1] <= Conventions.DEFAULT_SHELL_TOLERANCE) {
                throw new IllegalArgumentException("--shells: b=" + sorted[i - 1] + " and b=" + sorted[i]
                        + " are closer than " + Conventions.DEFAULT_SHELL_TOLERANCE + " s/mm²");
            }
        }
        if (directionsPerShell < 6 || directionsPerShell > 500) {
            throw new IllegalArgumentException("--directions " + directionsPerShell + ": must be 6 … 500 per shell");
        }
        if (b0Count < 1 || b0Count > 100) {
            throw new IllegalArgumentException("--b0 " + b0Count + ": must be 1 … 100 (volume 0 is the b=0 reference)");
        }
        if (!(snr >= 0) || Double.isInfinite(snr)) {
            throw new IllegalArgumentException("--snr " + snr + ": must be ≥ 0 and finite (0 = no noise)");
        }
        if (!(maxTranslationMm >= 0 && maxTranslationMm <= 20)) {
            throw new IllegalArgumentException("--max-translation " + maxTranslationMm + ": must be 0 … 20 mm");
        }
        if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 20)) {
            throw new IllegalArgumentException("--max-rotation " + maxRotationDegrees + ": must be 0 … 20 degrees");
        }
        int volumes = shells.length * directionsPerShell + b0Count;
        if (spikes < 0 || spikes > volumes - 1) {
            throw new IllegalArgumentException("--spikes " + spikes + ": must be 0 … " + (volumes - 1)
                    + " (number of volumes − 1)");
        }
        if (!(eddyFraction >= 0 && eddyFraction <= 0.1)) {
            throw new IllegalArgumentException("--eddy " + eddyFraction + ": must be 0 … 0.1");
        }
        if (voxelSamples < 1 || voxelSamples > MAX_VOXEL_SAMPLES) {
            throw new IllegalArgumentException("--voxel-samples " + voxelSamples + ": must be 1 … " + MAX_VOXEL_SAMPLES
                    + " points per voxel axis");
        }
        long samples = (long) shape[0] * shape[1] * shape[2] * volumes;
        if (samples > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--shape " + shapeText(shape) + " with " + volumes
                    + " volumes is too large for one array (" + samples + " samples)");
        }
    }

    /** As the full constructor, with {@link #DEFAULT_VOXEL_SAMPLES} points per voxel axis. */
    public SimulationConfig(int[] shape, double voxelMm, double[] shells, int directionsPerShell, int b0Count,
                            double snr, double maxTranslationMm, double maxRotationDegrees, int spikes,
                            double eddyFraction, long seed) {
        this(shape, voxelMm, shells, directionsPerShell, b0Count, snr, maxTranslationMm, maxRotationDegrees, spikes,
                eddyFraction, seed, DEFAULT_VOXEL_SAMPLES);
    }

    /** The documented defaults: 40×48×40 at 4.5 mm, b = 1000/2000/3000 × 30 directions, 6 b=0, SNR 30,
     * motion up to 2 mm / 2°, 2 spikes, no eddy distortion, seed 1, 2 points per voxel axis. */
    public static SimulationConfig defaults() {
        return new SimulationConfig(new int[] {40, 48, 40}, 4.5, new double[] {1000, 2000, 3000}, 30, 6,
                30, 2.0, 2.0, 2, 0.0, 1L);
    }

    /** This configuration with {@code samples} points per voxel axis. */
    public SimulationConfig withVoxelSamples(int samples) {
        return new SimulationConfig(shape, voxelMm, shells, directionsPerShell, b0Count, snr, maxTranslationMm,
                maxRotationDegrees, spikes, eddyFraction, seed, samples);
    }

    /** Total number of volumes (b=0 plus diffusion-weighted). */
    public int volumes() {
        return shells.length * directionsPerShell + b0Count;
    }

    public double maxRotationRadians() {
        return Math.toRadians(maxRotationDegrees);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] shells() {
        return shells.clone();
    }

    private static String shapeText(int[] s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            b.append(i > 0 ? "," : "").append(s[i]);
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimulationConfig c && Arrays.equals(c.shape, shape) && c.voxelMm == voxelMm
                && Arrays.equals(c.shells, shells) && c.directionsPerShell == directionsPerShell
                && c.b0Count == b0Count && c.snr == snr && c.maxTranslationMm == maxTranslationMm
                && c.maxRotationDegrees == maxRotationDegrees && c.spikes == spikes
                && c.eddyFraction == eddyFraction && c.seed == seed && c.voxelSamples == voxelSamples;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(shells) * 17 + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "SimulationConfig[shape=" + shapeText(shape) + ", voxel=" + voxelMm + " mm, shells="
                + Arrays.toString(shells) + ", directions=" + directionsPerShell + ", b0=" + b0Count + ", snr=" + snr
                + ", maxTranslation=" + maxTranslationMm + " mm, maxRotation=" + maxRotationDegrees + " deg, spikes="
                + spikes + ", eddy=" + eddyFraction + ", seed=" + seed + ", voxelSamples=" + voxelSamples + "]";
    }
}
