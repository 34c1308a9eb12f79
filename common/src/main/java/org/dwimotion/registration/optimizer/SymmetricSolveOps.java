package org.dwimotion.registration.optimizer;

/** Cholesky solve of small symmetric positive-definite systems (registration: P ≤ 12; motion smoothing: P ≤ 22). */
public final class SymmetricSolveOps {
    private SymmetricSolveOps() {
    }

    /**
     * Solves {@code a x = b} by Cholesky decomposition. Raw kernel: no shape checks.
     *
     * @param a    n×n row-major, symmetric (only the lower triangle is read). Not modified.
     * @param b    n values. Not modified.
     * @param x    n values, receives the solution. Modified; may alias b.
     * @param n    system size
     * @param work n×n workspace. Modified.
     * @return false when a is not (numerically) positive definite; x is then undefined
     */
    public static boolean solve(double[] a, double[] b, double[] x, int n, double[] work) {
        double[] l = work;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return false;
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        return true;
    }
}
