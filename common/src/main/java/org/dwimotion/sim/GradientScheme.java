package org.dwimotion.sim;

import java.util.Arrays;

/**
 * A multi-shell acquisition scheme in acquisition order, with b=0 volumes interleaved.
 *
 * <p>Each shell gets {@link SphereDirections#evenlySpread(int) evenly spread} directions; shell s is
 * that set rotated by s × 68.75° about (1, 1, 1)/√3 so the shells' directions interleave rather than
 * coincide. Diffusion-weighted volumes cycle through the shells (direction 0 of every shell, then
 * direction 1, …), so each b-value is spread over the whole scan. The {@code nB0} b=0 volumes sit at
 * {@code round(k · N / nB0)}, k = 0 … nB0−1, N the total: volume 0 is always b=0 and, as on scanners,
 * one b=0 comes every N/nB0 volumes.
 *
 * @param bvals s/mm², one per volume
 * @param bvecs unit gradient directions in the <em>scanner (world RAS) frame</em>, row-major N×3;
 *              (0, 0, 0) for b=0 volumes
 */
public record GradientScheme(double[] bvals, double[] bvecs) {
    /** Rotation between successive shells: half the golden angle, about the (1,1,1) diagonal. */
    private static final double SHELL_TWIST = 0.5 * Math.PI * (3 - Math.sqrt(5));

    public GradientScheme {
        if (bvals.length * 3 != bvecs.length) {
            throw new IllegalArgumentException("bvecs must hold 3 values per b-value");
        }
    }

    public int size() {
        return bvals.length;
    }

    /**
     * @param shells      distinct positive b-values, s/mm²
     * @param perShell    directions per shell (≥ 1)
     * @param nB0         number of b=0 volumes (≥ 1)
     */
    public static GradientScheme interleaved(double[] shells, int perShell, int nB0) {
        if (shells.length == 0 || perShell < 1 || nB0 < 1) {
            throw new IllegalArgumentException("need ≥ 1 shell, ≥ 1 direction per shell and ≥ 1 b=0 volume");
        }
        double[] base = SphereDirections.evenlySpread(perShell);
        int nDw = shells.length * perShell, n = nDw + nB0;
        boolean[] isB0 = new boolean[n];
        for (int k = 0; k < nB0; k++) {
            isB0[(int) Math.round((double) k * n / nB0)] = true;
        }
        double[] bvals = new double[n], bvecs = new double[3 * n];
        double[] r = new double[9];
        int dw = 0;
        for (int v = 0; v < n; v++) {
            if (isB0[v]) {
                continue;
            }
            int dir = dw / shells.length, shell = dw % shells.length;
            dw++;
            bvals[v] = shells[shell];
            axisAngle(1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3), shell * SHELL_TWIST, r);
            double gx = base[3 * dir], gy = base[3 * dir + 1], gz = base[3 * dir + 2];
            bvecs[3 * v] = r[0] * gx + r[1] * gy + r[2] * gz;
            bvecs[3 * v + 1] = r[3] * gx + r[4] * gy + r[5] * gz;
            bvecs[3 * v + 2] = r[6] * gx + r[7] * gy + r[8] * gz;
            SphereDirections.canonicalSign(bvecs, 3 * v);
        }
        return new GradientScheme(bvals, bvecs);
    }

    /** Largest b-value, s/mm². */
    public double maxB() {
        return Arrays.stream(bvals).max().orElse(0);
    }

    /** Rodrigues rotation about unit axis (x, y, z) by angle; out = row-major 3×3. */
    private static void axisAngle(double x, double y, double z, double angle, double[] out) {
        double c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
        out[0] = t * x * x + c;
        out[1] = t * x * y - s * z;
        out[2] = t * x * z + s * y;
        out[3] = t * x * y + s * z;
        out[4] = t * y * y + c;
        out[5] = t * y * z - s * x;
        out[6] = t * x * z - s * y;
        out[7] = t * y * z + s * x;
        out[8] = t * z * z + c;
    }
}
