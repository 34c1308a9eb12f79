package org.dwimotion.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BSplinePrefilterOpsTest {
    /** Coefficients convolved with the sampled cubic B-spline (1, 4, 1)/6, mirrored, give the samples back. */
    @Test
    void coefficientsInterpolateTheSamplesForAllLengths() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : new int[] {1, 2, 3, 4, 7, 64}) {
            double[] s = new double[n];
            for (int k = 0; k < n; k++) {
                s[k] = rnd.nextDouble(-100, 100);
            }
            double[] c = s.clone();
            BSplinePrefilterOps.prefilterLine(c, n);
            for (int k = 0; k < n; k++) {
                double left = n == 1 ? c[0] : c[k == 0 ? 1 : k - 1];
                double right = n == 1 ? c[0] : c[k == n - 1 ? n - 2 : k + 1];
                assertEquals(s[k], (left + 4 * c[k] + right) / 6, 1e-9, "n=" + n + " k=" + k);
            }
        }
    }

    /**
     * The volume prefilter equals, bit for bit, {@link BSplinePrefilterOps#prefilterLine} applied to every line along
     * x, then y, then z (the definition; the y and z passes work a row of x at a time). Sizes include axes of 1 and 2.
     */
    @Test
    void volumeEqualsLineByLineBitForBit() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int[] n : new int[][] {{9, 7, 5}, {1, 6, 4}, {5, 1, 3}, {4, 3, 1}, {2, 2, 2}, {33, 12, 20}}) {
            double[] data = new double[n[0] * n[1] * n[2]];
            for (int v = 0; v < data.length; v++) {
                data[v] = rnd.nextDouble(-100, 100);
            }
            double[] want = data.clone();
            int[] strides = {1, n[0], n[0] * n[1]};
            for (int axis = 0; axis < 3; axis++) {
                double[] line = new double[n[axis]];
                for (int v = 0; v < want.length; v++) {
                    int pos = (v / strides[axis]) % n[axis];
                    if (pos != 0) {
                        continue;
                    }
                    for (int t = 0; t < n[axis]; t++) {
                        line[t] = want[v + t * strides[axis]];
                    }
                    BSplinePrefilterOps.prefilterLine(line, n[axis]);
                    for (int t = 0; t < n[axis]; t++) {
                        want[v + t * strides[axis]] = line[t];
                    }
                }
            }
            BSplinePrefilterOps.prefilter3d(data, n[0], n[1], n[2]);
            for (int v = 0; v < data.length; v++) {
                assertEquals(Double.doubleToLongBits(want[v]), Double.doubleToLongBits(data[v]),
                        java.util.Arrays.toString(n) + " voxel " + v);
            }
        }
    }
}
