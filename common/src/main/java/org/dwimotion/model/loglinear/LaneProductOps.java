package org.dwimotion.model.loglinear;

/**
 * The product {@code out[r][ℓ] = Σ_i a[r][i] · w[i][ℓ]} of a small fixed matrix (rows × N, the design side) with a
 * block of lane vectors (N × lanes), as used for the batched weighted normal equations.
 *
 * <p>Every lane is summed in increasing order of i, one fused multiply-add per non-zero term, whatever the number
 * of lanes, so a lane's result never depends on the other lanes (chunking invariance). Rows are taken four at a
 * time and terms two at a time so each load/store of an output row serves 2 multiply-adds and each load of a
 * weight row serves 4 rows (measured faster than 4×4 or 4×1 on JDK 17 C2); terms whose four coefficients are all zero (b=0 rows of tensor and kurtosis columns)
 * are skipped. Lane loops index every array by ℓ alone, which HotSpot C2 vectorises.
 */
final class LaneProductOps {
    /** Row groups of four: non-zero term indices and their coefficients {@code coef[g][4k + r]}. */
    private final int[][] groupTerms;
    private final double[][] groupCoef;
    /** Remaining rows (rows % 4), one at a time. */
    private final int[][] tailTerms;
    private final double[][] tailCoef;
    private final int rows;

    /**
     * @param aT   the fixed matrix, rows × N row-major. Not modified (copied into the plan).
     * @param rows number of rows
     * @param n    number of terms N
     */
    LaneProductOps(double[] aT, int rows, int n) {
        this.rows = rows;
        int groups = rows / 4;
        groupTerms = new int[groups][];
        groupCoef = new double[groups][];
        for (int g = 0; g < groups; g++) {
            int count = 0;
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                boolean any = false;
                for (int r = 0; r < 4; r++) {
                    any |= aT[(4 * g + r) * n + i] != 0;
                }
                if (any) {
                    idx[count++] = i;
                }
            }
            groupTerms[g] = java.util.Arrays.copyOf(idx, count);
            groupCoef[g] = new double[4 * count];
            for (int k = 0; k < count; k++) {
                for (int r = 0; r < 4; r++) {
                    groupCoef[g][4 * k + r] = aT[(4 * g + r) * n + idx[k]];
                }
            }
        }
        int tail = rows - 4 * groups;
        tailTerms = new int[tail][];
        tailCoef = new double[tail][];
        for (int t = 0; t < tail; t++) {
            int r = 4 * groups + t;
            tailTerms[t] = java.util.stream.IntStream.range(0, n).filter(i -> aT[r * n + i] != 0).toArray();
            tailCoef[t] = java.util.Arrays.stream(tailTerms[t]).mapToDouble(i -> aT[r * n + i]).toArray();
        }
    }

    /**
     * @param w   N lane vectors (at least nl long each). Not modified.
     * @param nl  lanes in use
     * @param out {@code rows} lane vectors. Modified (first nl lanes).
     */
    void multiply(double[][] w, int nl, double[][] out) {
        for (int g = 0; g < groupTerms.length; g++) {
            double[] o0 = out[4 * g], o1 = out[4 * g + 1], o2 = out[4 * g + 2], o3 = out[4 * g + 3];
            java.util.Arrays.fill(o0, 0, nl, 0);
            java.util.Arrays.fill(o1, 0, nl, 0);
            java.util.Arrays.fill(o2, 0, nl, 0);
            java.util.Arrays.fill(o3, 0, nl, 0);
            int[] idx = groupTerms[g];
            double[] cf = groupCoef[g];
            int k = 0;
            for (; k + 2 <= idx.length; k += 2) {
                double[] wa = w[idx[k]], wb = w[idx[k + 1]];
                int c = 4 * k;
                double a0 = cf[c], a1 = cf[c + 1], a2 = cf[c + 2], a3 = cf[c + 3];
                double b0 = cf[c + 4], b1 = cf[c + 5], b2 = cf[c + 6], b3 = cf[c + 7];
                for (int l = 0; l < nl; l++) {
                    double va = wa[l], vb = wb[l];
                    o0[l] = Math.fma(b0, vb, Math.fma(a0, va, o0[l]));
                    o1[l] = Math.fma(b1, vb, Math.fma(a1, va, o1[l]));
                    o2[l] = Math.fma(b2, vb, Math.fma(a2, va, o2[l]));
                    o3[l] = Math.fma(b3, vb, Math.fma(a3, va, o3[l]));
                }
            }
            for (; k < idx.length; k++) {
                double[] wa = w[idx[k]];
                int c = 4 * k;
                double a0 = cf[c], a1 = cf[c + 1], a2 = cf[c + 2], a3 = cf[c + 3];
                for (int l = 0; l < nl; l++) {
                    double va = wa[l];
                    o0[l] = Math.fma(a0, va, o0[l]);
                    o1[l] = Math.fma(a1, va, o1[l]);
                    o2[l] = Math.fma(a2, va, o2[l]);
                    o3[l] = Math.fma(a3, va, o3[l]);
                }
            }
        }
        for (int t = 0; t < tailTerms.length; t++) {
            double[] o = out[4 * groupTerms.length + t];
            java.util.Arrays.fill(o, 0, nl, 0);
            int[] idx = tailTerms[t];
            double[] cf = tailCoef[t];
            for (int k = 0; k < idx.length; k++) {
                double[] wa = w[idx[k]];
                double a = cf[k];
                for (int l = 0; l < nl; l++) {
                    o[l] = Math.fma(a, wa[l], o[l]);
                }
            }
        }
    }

    int rows() {
        return rows;
    }
}
