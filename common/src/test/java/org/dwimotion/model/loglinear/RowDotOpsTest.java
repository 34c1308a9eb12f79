package org.dwimotion.model.loglinear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RowDotOps gives the documented summation order bit for bit, vector path or not, for any shape. */
class RowDotOpsTest {
    @Test
    void bitIdenticalToTheScalarOrder() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int rows : new int[] {1, 3, 4, 5, 7, 8, 22}) {
            for (int len : new int[] {1, 3, 4, 5, 65, 96, 101}) {
                double[] a = new double[rows * len];
                double[] v = new double[len + 3];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (rnd.nextDouble() - 0.5) * Math.scalb(1.0, rnd.nextInt(-20, 20));
                }
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.log(1e-4 + rnd.nextDouble() * 1e4);
                }
                double[] out = new double[rows];
                RowDotOps.multiply(a, rows, len, v, 3, out);
                for (int c = 0; c < rows; c++) {
                    double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                    int i = 0;
                    for (; i + 4 <= len; i += 4) {
                        a0 = Math.fma(a[c * len + i], v[3 + i], a0);
                        a1 = Math.fma(a[c * len + i + 1], v[3 + i + 1], a1);
                        a2 = Math.fma(a[c * len + i + 2], v[3 + i + 2], a2);
                        a3 = Math.fma(a[c * len + i + 3], v[3 + i + 3], a3);
                    }
                    for (; i < len; i++) {
                        a0 = Math.fma(a[c * len + i], v[3 + i], a0);
                    }
                    double expected = (a0 + a1) + (a2 + a3);
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(out[c]),
                            rows + " x " + len + " row " + c);
                    if (LogOps.VECTOR_API && VectorRowDotOps.supported()) {
                        double[] vec = new double[rows];
                        VectorRowDotOps.multiply(a, rows, len, v, 3, vec);
                        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(vec[c]));
                    }
                }
            }
        }
    }
}
