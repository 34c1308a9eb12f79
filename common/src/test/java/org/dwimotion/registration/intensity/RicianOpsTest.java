package org.dwimotion.registration.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Reference values: scipy.special.i0e / i1e (SciPy 1.x, double precision). */
class RicianOpsTest {
    private static final double[] X = {0, 0.5, 1, 3.75, 5, 10, 50, 500};
    private static final double[] I0E = {1.0, 0.64503527044915, 0.46575960759364043, 0.2144570512300487,
        0.18354081260932834, 0.1278333371634286, 0.056561626647454184, 0.017845706500153165};
    private static final double[] I1E = {0.0, 0.15642080318487173, 0.2079104153497085, 0.1829684209308909,
        0.16397226694454234, 0.1212626813844555, 0.055993123892895395, 0.017827851852898053};

    @Test
    void scaledBesselFunctionsMatchReferenceValues() {
        for (int q = 0; q < X.length; q++) {
            assertEquals(I0E[q], RicianOps.besselI0Scaled(X[q]), 1e-6 * I0E[q], "i0e(" + X[q] + ")");
            assertEquals(I1E[q], RicianOps.besselI1Scaled(X[q]), 1e-6 * I1E[q] + 1e-15, "i1e(" + X[q] + ")");
        }
        assertEquals(RicianOps.besselI0Scaled(2.5), RicianOps.besselI0Scaled(-2.5), 0);
        assertEquals(-RicianOps.besselI1Scaled(2.5), RicianOps.besselI1Scaled(-2.5), 0);
        // no overflow far beyond exp's range
        assertEquals(1 / Math.sqrt(2 * Math.PI * 1e6), RicianOps.besselI0Scaled(1e6), 1e-6 / Math.sqrt(2 * Math.PI * 1e6));
    }

    @Test
    void expectedMagnitudeMatchesReferenceValuesAndLimits() {
        // sigma * sqrt(pi/2) * e^-x [(1 + 2x) I0(x) + 2x I1(x)], x = S^2 / 4 sigma^2, evaluated with scipy
        assertEquals(1.2533141373155001, RicianOps.expectedMagnitude(0, 1), 1e-7);
        assertEquals(1.5485724605511455, RicianOps.expectedMagnitude(1, 1), 1e-6);
        assertEquals(2.2723834280687423, RicianOps.expectedMagnitude(2, 1), 1e-6);
        assertEquals(3.1725772879007175, RicianOps.expectedMagnitude(3, 1), 1e-6);
        assertEquals(10.050126936677417, RicianOps.expectedMagnitude(10, 1), 1e-5);
        assertEquals(100.00500012501874, RicianOps.expectedMagnitude(100, 1), 1e-4);
        assertEquals(92.07125587846237, RicianOps.expectedMagnitude(84.3, 35.13), 1e-4);
        // scale invariance, sign of the signal ignored, sigma 0 is the identity
        assertEquals(35.13 * RicianOps.expectedMagnitude(84.3 / 35.13, 1), RicianOps.expectedMagnitude(84.3, 35.13), 1e-9);
        assertEquals(RicianOps.expectedMagnitude(7, 2), RicianOps.expectedMagnitude(-7, 2), 0);
        assertEquals(42.5, RicianOps.expectedMagnitude(42.5, 0), 0);
        // high SNR: S + sigma^2 / (2S)
        assertEquals(1e4 + 0.5e-4, RicianOps.expectedMagnitude(1e4, 1), 1e-3);
    }

    @Test
    void expectedMagnitudeMatchesMonteCarlo() {
        SplittableRandom rnd = new SplittableRandom(5);
        double s = 2.0, sigma = 1.5, sum = 0;
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            double a = s + sigma * gaussian(rnd), b = sigma * gaussian(rnd);
            sum += Math.sqrt(a * a + b * b);
        }
        // standard error ~ 1.5 / sqrt(4e5) = 0.0024
        assertEquals(RicianOps.expectedMagnitude(s, sigma), sum / n, 0.01);
    }

    @Test
    void sigmaLiftingInvertsTheExpectedMagnitude() {
        for (double s : new double[] {0, 5, 40, 300}) {
            for (double sigma : new double[] {0.5, 10, 35.13, 100}) {
                double m = RicianOps.expectedMagnitude(s, sigma);
                assertEquals(sigma, RicianOps.sigmaLifting(s, m), 1e-6 * sigma, "S " + s + " sigma " + sigma);
            }
        }
        assertEquals(0, RicianOps.sigmaLifting(40, 40), 0);
        assertEquals(0, RicianOps.sigmaLifting(40, 30), 0);
        assertTrue(RicianOps.sigmaLifting(40, 40.001) > 0);
    }

    static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
