package org.dwimotion.sim;

/**
 * Evenly spread diffusion directions on the sphere, deterministic.
 *
 * <p>Points start on a Fibonacci spiral over the upper hemisphere and are relaxed by electrostatic
 * repulsion in which each point also repels the antipode of every other point (a direction and its
 * opposite measure the same diffusion), as in Jones et al. 1999. A fixed number of iterations with
 * a shrinking step keeps the result identical from run to run.
 */
public final class SphereDirections {
    private static final int ITERATIONS = 400;
    private static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

    private SphereDirections() {
    }

    /**
     * {@code n} unit directions, spread evenly modulo sign, each with z ≥ 0 (first non-zero
     * component positive when z = 0).
     *
     * @return row-major n×3 (gx, gy, gz per direction)
     */
    public static double[] evenlySpread(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one direction, got " + n);
        }
        double[] g = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double z = 1 - (i + 0.5) / n;
            double r = Math.sqrt(Math.max(0, 1 - z * z));
            double phi = i * GOLDEN_ANGLE;
            g[3 * i] = r * Math.cos(phi);
            g[3 * i + 1] = r * Math.sin(phi);
            g[3 * i + 2] = z;
        }
        double[] force = new double[3 * n];
        for (int it = 0; it < ITERATIONS; it++) {
            java.util.Arrays.fill(force, 0);
            double maxForce = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i == j) {
                        continue;
                    }
                    for (int s = -1; s <= 1; s += 2) {
                        double dx = g[3 * i] - s * g[3 * j], dy = g[3 * i + 1] - s * g[3 * j + 1], dz = g[3 * i + 2] - s * g[3 * j + 2];
                        double d2 = dx * dx + dy * dy + dz * dz + 1e-12;
                        double inv3 = 1.0 / (d2 * Math.sqrt(d2));
                        force[3 * i] += dx * inv3;
                        force[3 * i + 1] += dy * inv3;
                        force[3 * i + 2] += dz * inv3;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                // keep only the tangential part
                double dot = force[3 * i] * g[3 * i] + force[3 * i + 1] * g[3 * i + 1] + force[3 * i + 2] * g[3 * i + 2];
                for (int c = 0; c < 3; c++) {
                    force[3 * i + c] -= dot * g[3 * i + c];
                }
                double f = Math.sqrt(force[3 * i] * force[3 * i] + force[3 * i + 1] * force[3 * i + 1] + force[3 * i + 2] * force[3 * i + 2]);
                maxForce = Math.max(maxForce, f);
            }
            if (maxForce == 0) {
                break;
            }
            double step = (0.1 * (1 - (double) it / ITERATIONS) + 0.002) / Math.sqrt(n) / maxForce;
            for (int i = 0; i < n; i++) {
                double x = g[3 * i] + step * force[3 * i], y = g[3 * i + 1] + step * force[3 * i + 1], z = g[3 * i + 2] + step * force[3 * i + 2];
                double norm = Math.sqrt(x * x + y * y + z * z);
                g[3 * i] = x / norm;
                g[3 * i + 1] = y / norm;
                g[3 * i + 2] = z / norm;
            }
        }
        for (int i = 0; i < n; i++) {
            canonicalSign(g, 3 * i);
        }
        return g;
    }

    /** Smallest angle (radians, in [0, π/2]) between any two of the directions, treating g and −g as equal. */
    public static double minimumAngle(double[] g) {
        int n = g.length / 3;
        double maxCos = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double c = Math.abs(g[3 * i] * g[3 * j] + g[3 * i + 1] * g[3 * j + 1] + g[3 * i + 2] * g[3 * j + 2]);
                maxCos = Math.max(maxCos, c);
            }
        }
        return Math.acos(Math.min(1, maxCos));
    }

    static void canonicalSign(double[] g, int at) {
        double x = g[at], y = g[at + 1], z = g[at + 2];
        boolean flip = z < 0 || (z == 0 && (y < 0 || (y == 0 && x < 0)));
        if (flip) {
            g[at] = -x;
            g[at + 1] = -y;
            g[at + 2] = -z;
        }
    }
}
