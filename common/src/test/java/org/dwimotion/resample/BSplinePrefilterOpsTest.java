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
}
