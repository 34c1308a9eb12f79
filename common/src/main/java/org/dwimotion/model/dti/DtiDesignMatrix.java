package org.dwimotion.model.dti;

/**
 * The log-linear DTI design matrix, as DIPY 1.6.0 {@code dti.design_matrix}: row v is
 * {@code -(b gx², 2b gx gy, b gy², 2b gx gz, 2b gy gz, b gz², 1)}, so that
 * {@code log S_v = X_v · (Dxx, Dxy, Dyy, Dxz, Dyz, Dzz, -log S0)}.
 *
 * <p>Units: b in s/mm², unit b-vectors (FSL frame), diffusivities in mm²/s. Tensor order is
 * lower-triangular ({@link org.dwimotion.Conventions#DXX} ...).
 */
public final class DtiDesignMatrix {
    /** Number of parameters: six tensor elements and the intercept. */
    public static final int N_PARAMS = 7;

    private DtiDesignMatrix() {
    }

    /**
     * @param bvals    b-values, length N, s/mm². Not modified.
     * @param bvecsNx3 b-vectors, N×3 row-major. Not modified.
     * @return the design matrix, N×7 row-major {@code [v*7 + c]}
     */
    public static double[] build(double[] bvals, double[] bvecsNx3) {
        int n = bvals.length;
        double[] x = new double[n * N_PARAMS];
        for (int v = 0; v < n; v++) {
            double b = bvals[v];
            double gx = bvecsNx3[3 * v], gy = bvecsNx3[3 * v + 1], gz = bvecsNx3[3 * v + 2];
            int r = v * N_PARAMS;
            x[r] = -(gx * gx * b);
            x[r + 1] = -(gx * gy * 2 * b);
            x[r + 2] = -(gy * gy * b);
            x[r + 3] = -(gx * gz * 2 * b);
            x[r + 4] = -(gy * gz * 2 * b);
            x[r + 5] = -(gz * gz * b);
            x[r + 6] = -1;
        }
        return x;
    }
}
