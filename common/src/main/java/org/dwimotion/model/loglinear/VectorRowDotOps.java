package org.dwimotion.model.loglinear;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowDotOps#multiply} with 256-bit vectors: lane j of a row's accumulator is the scalar partial sum over
 * i ≡ j mod 4 (the same FMA chain), four rows at a time so that four independent chains hide the FMA latency.
 * Loaded only when jdk.incubator.vector is present.
 */
final class VectorRowDotOps {
    private static final VectorSpecies<Double> S4 = DoubleVector.SPECIES_256;

    private VectorRowDotOps() {
    }

    static boolean supported() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    static void multiply(double[] a, int rows, int len, double[] v, int vo, double[] out) {
        int main = len & ~3;
        int c = 0;
        for (; c + 4 <= rows; c += 4) {
            int r0 = c * len, r1 = r0 + len, r2 = r1 + len, r3 = r2 + len;
            DoubleVector s0 = DoubleVector.zero(S4), s1 = s0, s2 = s0, s3 = s0;
            for (int i = 0; i < main; i += 4) {
                DoubleVector x = DoubleVector.fromArray(S4, v, vo + i);
                s0 = DoubleVector.fromArray(S4, a, r0 + i).fma(x, s0);
                s1 = DoubleVector.fromArray(S4, a, r1 + i).fma(x, s1);
                s2 = DoubleVector.fromArray(S4, a, r2 + i).fma(x, s2);
                s3 = DoubleVector.fromArray(S4, a, r3 + i).fma(x, s3);
            }
            out[c] = finish(s0, a, r0, v, vo, main, len);
            out[c + 1] = finish(s1, a, r1, v, vo, main, len);
            out[c + 2] = finish(s2, a, r2, v, vo, main, len);
            out[c + 3] = finish(s3, a, r3, v, vo, main, len);
        }
        for (; c < rows; c++) {
            int r0 = c * len;
            DoubleVector s0 = DoubleVector.zero(S4);
            for (int i = 0; i < main; i += 4) {
                s0 = DoubleVector.fromArray(S4, a, r0 + i).fma(DoubleVector.fromArray(S4, v, vo + i), s0);
            }
            out[c] = finish(s0, a, r0, v, vo, main, len);
        }
    }

    /** The remainder into lane 0, then (s0 + s1) + (s2 + s3), as {@link RowDotOps#dot}. */
    private static double finish(DoubleVector s, double[] a, int ao, double[] v, int vo, int main, int len) {
        double a0 = s.lane(0);
        for (int i = main; i < len; i++) {
            a0 = Math.fma(a[ao + i], v[vo + i], a0);
        }
        return (a0 + s.lane(1)) + (s.lane(2) + s.lane(3));
    }
}
