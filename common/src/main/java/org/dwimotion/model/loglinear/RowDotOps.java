package org.dwimotion.model.loglinear;

/**
 * Matrix–vector products {@code out[c] = Σ_i a[c*len + i]·v[vo + i]} (c &lt; rows) in one fixed summation order:
 * four interleaved partial sums (i ≡ 0, 1, 2, 3 mod 4, each a chain of {@link Math#fma}), the remainder added to the
 * first, then {@code (s0 + s1) + (s2 + s3)}. The order does not depend on the CPU: with the Vector API
 * ({@link VectorRowDotOps}, 256-bit vectors whose four lanes are the four partial sums, several rows at a time)
 * and in plain Java the results are bit-identical.
 */
public final class RowDotOps {
    /** The vector path needs native 256-bit double vectors (4 lanes); narrower CPUs (e.g. NEON) use the loop. */
    private static final boolean VECTOR = LogOps.VECTOR_API && VectorRowDotOps.supported();

    private RowDotOps() {
    }

    /** {@code out[c]} for c in [0, rows): row c of the row-major {@code a} (rows × len) times {@code v[vo ..]}. */
    public static void multiply(double[] a, int rows, int len, double[] v, int vo, double[] out) {
        if (VECTOR) {
            VectorRowDotOps.multiply(a, rows, len, v, vo, out);
            return;
        }
        for (int c = 0; c < rows; c++) {
            out[c] = dot(a, c * len, v, vo, len);
        }
    }

    /** One row, in the order described above. */
    static double dot(double[] a, int ao, double[] v, int vo, int len) {
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            a0 = Math.fma(a[ao + i], v[vo + i], a0);
            a1 = Math.fma(a[ao + i + 1], v[vo + i + 1], a1);
            a2 = Math.fma(a[ao + i + 2], v[vo + i + 2], a2);
            a3 = Math.fma(a[ao + i + 3], v[vo + i + 3], a3);
        }
        for (; i < len; i++) {
            a0 = Math.fma(a[ao + i], v[vo + i], a0);
        }
        return (a0 + a1) + (a2 + a3);
    }
}
