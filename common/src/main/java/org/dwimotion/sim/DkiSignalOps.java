package org.dwimotion.sim;

/**
 * The diffusion-kurtosis (DKI) forward signal, as pure functions on primitive arrays.
 *
 * <h2>Model</h2>
 * <pre>
 *   S(b, g) = S0 · exp( −b · gᵀ D g  +  (b² / 6) · MD² · Σ_ijkl W_ijkl g_i g_j g_k g_l )
 * </pre>
 * with g a unit vector, D the diffusion tensor (mm²/s), MD = trace(D)/3 and W the symmetric
 * fourth-order kurtosis tensor (dimensionless). The apparent kurtosis along g is
 * {@code K(g) = MD² · ΣWgggg / (gᵀDg)²}.
 *
 * <h2>Orderings</h2>
 * <ul>
 *   <li>D: six values Dxx, Dxy, Dyy, Dxz, Dyz, Dzz ({@link org.dwimotion.Conventions} order).</li>
 *   <li>W: fifteen unique values in DIPY's {@code dki} order:
 *       W1111, W2222, W3333, W1112, W1113, W1222, W2223, W1333, W2333, W1122, W1133, W2233,
 *       W1123, W1223, W1233 (1 = x, 2 = y, 3 = z), i.e. the indices {@link #W_XXXX} … {@link #W_XYZZ}.
 *       Their multiplicities in the full sum are {@link #W_MULTIPLICITY}.</li>
 *   <li>Design row (21 values): {@code x · [D(6), MD²·W(15)]} = log(S/S0), the DIPY {@code dki}
 *       design matrix without its final log-S0 column.</li>
 * </ul>
 *
 * <p>Units: b in s/mm², diffusivities in mm²/s, g unit (any frame, as long as D and W are in the
 * same frame).
 */
public final class DkiSignalOps {
    /** Indices of the 15 unique kurtosis-tensor elements (DIPY dki order). */
    public static final int W_XXXX = 0, W_YYYY = 1, W_ZZZZ = 2, W_XXXY = 3, W_XXXZ = 4, W_XYYY = 5,
            W_YYYZ = 6, W_XZZZ = 7, W_YZZZ = 8, W_XXYY = 9, W_XXZZ = 10, W_YYZZ = 11, W_XXYZ = 12,
            W_XYYZ = 13, W_XYZZ = 14;

    /** Number of times each unique element occurs among the 81 of the full tensor. */
    public static final int[] W_MULTIPLICITY = {1, 1, 1, 4, 4, 4, 4, 4, 4, 6, 6, 6, 12, 12, 12};

    /**
     * Axis indices (0 = x, 1 = y, 2 = z) of each unique element, row-major 15×4:
     * element e is W[ W_AXES[4e] ][ W_AXES[4e+1] ][ W_AXES[4e+2] ][ W_AXES[4e+3] ].
     */
    static final int[] W_AXES = {
            0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
            0, 0, 0, 1, 0, 0, 0, 2, 0, 1, 1, 1,
            1, 1, 1, 2, 0, 2, 2, 2, 1, 2, 2, 2,
            0, 0, 1, 1, 0, 0, 2, 2, 1, 1, 2, 2,
            0, 0, 1, 2, 0, 1, 1, 2, 0, 1, 2, 2};

    /** Length of a design row: 6 tensor + 15 kurtosis terms. */
    public static final int ROW_LENGTH = 21;

    private DkiSignalOps() {
    }

    /**
     * The DKI design row for one measurement: {@code log(S/S0) = row · [D(6), MD²·W(15)]}.
     *
     * @param b   b-value, s/mm²
     * @param gx,gy,gz unit gradient direction (frame of D and W)
     * @param out length ≥ {@link #ROW_LENGTH}; receives the row. Modified.
     */
    public static void designRow(double b, double gx, double gy, double gz, double[] out) {
        out[0] = -b * gx * gx;
        out[1] = -2 * b * gx * gy;
        out[2] = -b * gy * gy;
        out[3] = -2 * b * gx * gz;
        out[4] = -2 * b * gy * gz;
        out[5] = -b * gz * gz;
        double c = b * b / 6.0;
        out[6] = c * gx * gx * gx * gx;
        out[7] = c * gy * gy * gy * gy;
        out[8] = c * gz * gz * gz * gz;
        out[9] = c * 4 * gx * gx * gx * gy;
        out[10] = c * 4 * gx * gx * gx * gz;
        out[11] = c * 4 * gx * gy * gy * gy;
        out[12] = c * 4 * gy * gy * gy * gz;
        out[13] = c * 4 * gx * gz * gz * gz;
        out[14] = c * 4 * gy * gz * gz * gz;
        out[15] = c * 6 * gx * gx * gy * gy;
        out[16] = c * 6 * gx * gx * gz * gz;
        out[17] = c * 6 * gy * gy * gz * gz;
        out[18] = c * 12 * gx * gx * gy * gz;
        out[19] = c * 12 * gx * gy * gy * gz;
        out[20] = c * 12 * gx * gy * gz * gz;
    }

    /**
     * Packs D and W into the 21 coefficients the design row multiplies: [D(6), MD²·W(15)].
     *
     * @param d6  diffusion tensor, Conventions order, mm²/s. Not modified.
     * @param w15 kurtosis tensor, DIPY dki order. Not modified.
     * @param out length ≥ 21. Modified.
     */
    public static void coefficients(double[] d6, double[] w15, double[] out) {
        System.arraycopy(d6, 0, out, 0, 6);
        double md = meanDiffusivity(d6);
        double md2 = md * md;
        for (int e = 0; e < 15; e++) {
            out[6 + e] = md2 * w15[e];
        }
    }

    /** log(S/S0) = row · coefficients, both of length 21. */
    public static double logAttenuation(double[] row, double[] coefficients) {
        double s = 0;
        for (int k = 0; k < ROW_LENGTH; k++) {
            s += row[k] * coefficients[k];
        }
        return s;
    }

    /**
     * The DKI signal S0 · exp(−b gᵀDg + b²/6 · MD² · ΣWgggg).
     *
     * @param d6  diffusion tensor, Conventions order, mm²/s. Not modified.
     * @param w15 kurtosis tensor, DIPY dki order. Not modified.
     * @param gx,gy,gz unit gradient direction, in the frame of D and W
     */
    public static double signal(double s0, double[] d6, double[] w15, double b, double gx, double gy, double gz) {
        double adcB = b * apparentDiffusivity(d6, gx, gy, gz);
        double md = meanDiffusivity(d6);
        double kurt = b * b / 6.0 * md * md * kurtosisSum(w15, gx, gy, gz);
        return s0 * Math.exp(-adcB + kurt);
    }

    /** gᵀ D g (mm²/s). */
    public static double apparentDiffusivity(double[] d6, double gx, double gy, double gz) {
        return d6[0] * gx * gx + 2 * d6[1] * gx * gy + d6[2] * gy * gy
                + 2 * d6[3] * gx * gz + 2 * d6[4] * gy * gz + d6[5] * gz * gz;
    }

    /** Σ_ijkl W_ijkl g_i g_j g_k g_l over all 81 elements (multiplicities applied). */
    public static double kurtosisSum(double[] w15, double gx, double gy, double gz) {
        double[] g = {gx, gy, gz};
        double s = 0;
        for (int e = 0; e < 15; e++) {
            s += W_MULTIPLICITY[e] * w15[e]
                    * g[W_AXES[4 * e]] * g[W_AXES[4 * e + 1]] * g[W_AXES[4 * e + 2]] * g[W_AXES[4 * e + 3]];
        }
        return s;
    }

    /** Apparent kurtosis MD²·ΣWgggg / (gᵀDg)² along unit g. */
    public static double apparentKurtosis(double[] d6, double[] w15, double gx, double gy, double gz) {
        double adc = apparentDiffusivity(d6, gx, gy, gz);
        double md = meanDiffusivity(d6);
        return md * md * kurtosisSum(w15, gx, gy, gz) / (adc * adc);
    }

    /** trace(D)/3. */
    public static double meanDiffusivity(double[] d6) {
        return (d6[0] + d6[2] + d6[5]) / 3.0;
    }
}
