package org.dwimotion.model.loglinear;

/**
 * Small dense symmetric-positive-definite helpers used once per design (not in per-voxel loops).
 * Arrays are row-major full storage {@code [r*n + c]}.
 */
final class DenseSpdOps {
    private DenseSpdOps() {
    }

    /**
     * Inverts an SPD matrix through its Cholesky factor.
     *
     * @param a      n×n SPD matrix, row-major. Not modified.
     * @param n      size
     * @param relTol a pivot {@code L_jj²} at or below {@code relTol × a_jj} counts as singular
     * @return the inverse, n×n row-major, or null when {@code a} is not numerically positive definite
     */
    static double[] invertSpd(double[] a, int n, double relTol) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int r = j; r < n; r++) {
                double s = a[r * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[r * n + k] * l[j * n + k];
                }
                if (r == j) {
                    if (!(s > relTol * a[j * n + j])) {
                        return null;
                    }
                    l[j * n + j] = Math.sqrt(s);
                } else {
                    l[r * n + j] = s / l[j * n + j];
                }
            }
        }
        double[] inv = new double[n * n];
        double[] col = new double[n];
        for (int c = 0; c < n; c++) {
            for (int r = 0; r < n; r++) {
                double s = r == c ? 1 : 0;
                for (int k = 0; k < r; k++) {
                    s -= l[r * n + k] * col[k];
                }
                col[r] = s / l[r * n + r];
            }
            for (int r = n - 1; r >= 0; r--) {
                double s = col[r];
                for (int k = r + 1; k < n; k++) {
                    s -= l[k * n + r] * col[k];
                }
                col[r] = s / l[r * n + r];
            }
            for (int r = 0; r < n; r++) {
                inv[r * n + c] = col[r];
            }
        }
        return inv;
    }
}
