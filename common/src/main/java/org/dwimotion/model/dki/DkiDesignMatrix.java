package org.dwimotion.model.dki;

/**
 * The log-linear DKI design matrix, as DIPY 1.6.0 {@code reconst.utils.dki_design_matrix}: 22 columns,
 * <ol>
 *   <li>0..5: the DTI columns {@code -b (gx², 2gxgy, gy², 2gxgz, 2gygz, gz²)} (tensor in mm²/s);</li>
 *   <li>6..20: {@code b²/6} times the 15 kurtosis monomials in DIPY's order
 *       (Kxxxx, Kyyyy, Kzzzz, Kxxxy, Kxxxz, Kxyyy, Kyyyz, Kxzzz, Kyzzz, Kxxyy, Kxxzz, Kyyzz, Kxxyz, Kxyyz, Kxyzz)
 *       with their multiplicities (1, 4 or 6, 12) — the coefficients are MD²·K;</li>
 *   <li>21: {@code -1} (coefficient {@code -log S0}).</li>
 * </ol>
 */
public final class DkiDesignMatrix {
    /** Number of parameters: 6 tensor + 15 kurtosis (times MD²) + intercept. */
    public static final int N_PARAMS = 22;

    private DkiDesignMatrix() {
    }

    /**
     * @param bvals    b-values, length N, s/mm². Not modified.
     * @param bvecsNx3 b-vectors, N×3 row-major. Not modified.
     * @return the design matrix, N×22 row-major {@code [v*22 + c]}
     */
    public static double[] build(double[] bvals, double[] bvecsNx3) {
        int n = bvals.length;
        double[] a = new double[n * N_PARAMS];
        for (int v = 0; v < n; v++) {
            double b = bvals[v];
            double x = bvecsNx3[3 * v], y = bvecsNx3[3 * v + 1], z = bvecsNx3[3 * v + 2];
            double bb = b * b;
            int r = v * N_PARAMS;
            a[r] = -b * x * x;
            a[r + 1] = -2 * b * x * y;
            a[r + 2] = -b * y * y;
            a[r + 3] = -2 * b * x * z;
            a[r + 4] = -2 * b * y * z;
            a[r + 5] = -b * z * z;
            a[r + 6] = bb * Math.pow(x, 4) / 6;
            a[r + 7] = bb * Math.pow(y, 4) / 6;
            a[r + 8] = bb * Math.pow(z, 4) / 6;
            a[r + 9] = 4 * bb * Math.pow(x, 3) * y / 6;
            a[r + 10] = 4 * bb * Math.pow(x, 3) * z / 6;
            a[r + 11] = 4 * bb * Math.pow(y, 3) * x / 6;
            a[r + 12] = 4 * bb * Math.pow(y, 3) * z / 6;
            a[r + 13] = 4 * bb * Math.pow(z, 3) * x / 6;
            a[r + 14] = 4 * bb * Math.pow(z, 3) * y / 6;
            a[r + 15] = bb * x * x * y * y;
            a[r + 16] = bb * x * x * z * z;
            a[r + 17] = bb * y * y * z * z;
            a[r + 18] = 2 * bb * x * x * y * z;
            a[r + 19] = 2 * bb * y * y * x * z;
            a[r + 20] = 2 * bb * z * z * x * y;
            a[r + 21] = -1;
        }
        return a;
    }
}
