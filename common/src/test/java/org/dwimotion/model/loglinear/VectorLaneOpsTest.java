package org.dwimotion.model.loglinear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * VectorLaneOps equals, bit for bit, the scalar loops of LogLinearLovoKernel that it replaces (the formulas are
 * repeated here as written there), on random lanes including NaN and non-positive minors.
 */
class VectorLaneOpsTest {
    private static final int P = 7;
    private static final int LANES = 203; // not a multiple of any vector length: the tail is left to the caller

    private static double[][] random(SplittableRandom rnd, int rows, double scale) {
        double[][] a = new double[rows][LANES];
        for (double[] r : a) {
            for (int l = 0; l < LANES; l++) {
                r[l] = (rnd.nextDouble() - 0.3) * scale;
            }
        }
        return a;
    }

    @Test
    void olsLeaveOneOutMatchesTheScalarLoops() {
        assumeTrue(LogOps.VECTOR_API, "jdk.incubator.vector not present");
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] xs = random(rnd, P, 1);
        double[][] beta = random(rnd, P, 2);
        double[][] pinv = random(rnd, P, 0.1);
        double[] inv = random(rnd, 1, 1.5)[0];
        double[] scale = {1e-3, 2e-3, 3e-3, 4e-3, 5e-3, 6e-3, 1};
        double[] y = random(rnd, 1, 8)[0];
        double[] delta = y.clone();
        double[][] tensor = new double[6][LANES];
        int upper = VectorLaneOps.olsLeaveOneOut(xs, beta, pinv, inv, scale, delta, tensor, P, LANES);
        for (int l = 0; l < upper; l++) {
            double yhat = 0;
            for (int c = 0; c < P; c++) {
                yhat = Math.fma(xs[c][l], beta[c][l], yhat);
            }
            double d = (y[l] - yhat) * inv[l];
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(delta[l]), "delta " + l);
            for (int c = 0; c < 6; c++) {
                double t = scale[c] * (beta[c][l] - pinv[c][l] * d);
                assertEquals(Double.doubleToRawLongBits(t), Double.doubleToRawLongBits(tensor[c][l]), "tensor " + l);
            }
        }
        for (int l = upper; l < LANES; l++) {
            assertEquals(y[l], delta[l], "tail left to the caller");
        }
    }

    @Test
    void smallestMinorsMatchTheScalarLoop() {
        assumeTrue(LogOps.VECTOR_API, "jdk.incubator.vector not present");
        SplittableRandom rnd = new SplittableRandom(4);
        double[][] ten = random(rnd, 6, 3e-3);
        double[] md = random(rnd, 1, 1e-4)[0];
        ten[0][5] = Double.NaN;
        ten[4][9] = Double.NaN;
        double[] out = new double[LANES];
        int upper = VectorLaneOps.smallestMinors(ten, md, out, LANES);
        for (int l = 0; l < upper; l++) {
            double a = ten[0][l] - md[l], b = ten[2][l] - md[l], c = ten[5][l] - md[l];
            double xy = ten[1][l], xz = ten[3][l], yz = ten[4][l];
            double m3 = a * (b * c - yz * yz) - xy * (xy * c - yz * xz) + xz * (xy * yz - b * xz);
            double expected = Math.min(a, Math.min(a * b - xy * xy, m3));
            // NaN payloads may differ (only "> 0" is used): compare canonical bits
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(out[l]), "lane " + l);
        }
    }
}
