package org.dwimotion.model.loglinear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * LogOps against {@link StrictMath#log} (fdlibm, error &lt; 1 ulp): accuracy in ulps over the whole positive normal
 * range and densely around 1 and the signal range of MRI data, IEEE special values, and bit-identical results of the
 * vector and scalar paths.
 */
class LogOpsTest {
    private static long ulpDistance(double a, double b) {
        long ia = Double.doubleToLongBits(a);
        long ib = Double.doubleToLongBits(b);
        // map to a monotonic integer line (negative doubles mirrored)
        ia = ia < 0 ? Long.MIN_VALUE - ia : ia;
        ib = ib < 0 ? Long.MIN_VALUE - ib : ib;
        return Math.abs(ia - ib);
    }

    private static double[] samples() {
        SplittableRandom rnd = new SplittableRandom(20261206);
        int n = 400_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            switch (i % 4) {
                case 0 -> x[i] = Double.longBitsToDouble(rnd.nextLong(Double.doubleToRawLongBits(Double.MIN_NORMAL),
                        Double.doubleToRawLongBits(Double.MAX_VALUE) + 1)); // uniform in bits: every exponent
                case 1 -> x[i] = 1 + (rnd.nextDouble() - 0.5) * 1e-3;            // log near 0: relative error matters
                case 2 -> x[i] = 1e-4 + rnd.nextDouble() * 1e5;                  // signals (MIN_POSITIVE_SIGNAL up)
                default -> x[i] = Math.sqrt(0.5) * (1 + (rnd.nextDouble() - 0.5) * 1e-6) * Math.scalb(1.0, rnd.nextInt(-60, 60));
            }
        }
        return x;
    }

    @Test
    void withinOneUlpOfStrictMath() {
        double[] x = samples();
        long worst = 0;
        double worstX = 0;
        for (double v : x) {
            long d = ulpDistance(LogOps.logNormal(v), StrictMath.log(v));
            if (d > worst) {
                worst = d;
                worstX = v;
            }
        }
        assertTrue(worst <= 1, "max error " + worst + " ulp at x = " + worstX);
        // exact where the logarithm is exact
        assertEquals(0.0, LogOps.logNormal(1.0));
        for (int k = -1022; k <= 1023; k++) {
            assertEquals(StrictMath.log(Math.scalb(1.0, k)), LogOps.logNormal(Math.scalb(1.0, k)), Math.ulp(k * 0.7));
        }
    }

    @Test
    void arrayPathEqualsScalarBitForBit() {
        double[] x = samples();
        for (int len : new int[] {0, 1, 3, 7, 8, 9, 17, 96, 384, x.length}) {
            double[] a = java.util.Arrays.copyOf(x, len);
            LogOps.logInPlace(a, 0, len);
            double[] b = java.util.Arrays.copyOf(x, len);
            if (LogOps.VECTOR_API) {
                VectorLogOps.logNormalInPlace(b, 0, len);
            }
            for (int i = 0; i < len; i++) {
                long expected = Double.doubleToRawLongBits(LogOps.logNormal(x[i]));
                assertEquals(expected, Double.doubleToRawLongBits(a[i]), "logInPlace at " + x[i]);
                assertEquals(expected, Double.doubleToRawLongBits(b[i]), "vector path at " + x[i]);
            }
        }
        // an offset range leaves the rest alone
        double[] a = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        LogOps.logInPlace(a, 2, 9);
        assertEquals(2, a[0]);
        assertEquals(11, a[9]);
        assertEquals(LogOps.logNormal(4), a[2]);
        assertEquals(LogOps.logNormal(10), a[8]);
    }

    @Test
    void valuesOutsideTheNormalRangeFollowIeee() {
        double sub = Double.MIN_VALUE * 12345;
        double[] a = {0.0, -0.0, -1, Double.NaN, Double.POSITIVE_INFINITY, sub, Double.MIN_NORMAL, 1e300, 5};
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = StrictMath.log(a[i]);
        }
        LogOps.logInPlace(a, 0, a.length);
        assertEquals(Double.NEGATIVE_INFINITY, a[0]);
        assertEquals(Double.NEGATIVE_INFINITY, a[1]);
        assertTrue(Double.isNaN(a[2]) && Double.isNaN(a[3]));
        assertEquals(Double.POSITIVE_INFINITY, a[4]);
        assertEquals(expected[5], a[5]);
        for (int i = 6; i < a.length; i++) {
            assertTrue(ulpDistance(expected[i], a[i]) <= 1, "at " + i);
        }
    }

    @Test
    void vectorApiOnlyWithTheModuleAndC2() {
        assertTrue(LogOps.vectorApiUsable(true, java.util.List.of("-Xmx3g", "-XX:TieredStopAtLevel=4")));
        assertTrue(!LogOps.vectorApiUsable(false, java.util.List.of()));
        assertTrue(!LogOps.vectorApiUsable(true, java.util.List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")));
        assertTrue(!LogOps.vectorApiUsable(true, java.util.List.of("-Xint")));
    }
}
