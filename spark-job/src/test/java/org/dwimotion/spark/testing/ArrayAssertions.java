package org.dwimotion.spark.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Float and double array comparisons within a {@link Tolerance}, for kernel and job outputs. On failure the
 * message gives how many elements differ, the worst one (largest absolute difference) and the first few.
 */
public final class ArrayAssertions {

    private ArrayAssertions() {
    }

    /**
     * @param expected reference values; not modified
     * @param actual   values under test, same length; not modified
     */
    public static void assertArrayClose(float[] expected, float[] actual, Tolerance tol) {
        if (expected.length != actual.length) {
            fail("array lengths differ: expected " + expected.length + " but was " + actual.length);
        }
        double[] e = new double[expected.length];
        double[] a = new double[actual.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected[i];
            a[i] = actual[i];
        }
        assertArrayClose(e, a, tol);
    }

    /**
     * @param expected reference values; not modified
     * @param actual   values under test, same length; not modified
     */
    public static void assertArrayClose(double[] expected, double[] actual, Tolerance tol) {
        if (expected.length != actual.length) {
            fail("array lengths differ: expected " + expected.length + " but was " + actual.length);
        }
        int differing = 0;
        int worst = -1;
        double worstDiff = -1;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < expected.length; i++) {
            if (tol.close(expected[i], actual[i])) {
                continue;
            }
            differing++;
            double d = Math.abs(expected[i] - actual[i]);
            if (worst < 0 || !(d <= worstDiff)) { // NaN differences count as worst
                worst = i;
                worstDiff = d;
            }
            if (differing <= ListComparison.SHOWN) {
                first.append("\n  [").append(i).append("] expected ").append(expected[i]).append(" but was ")
                        .append(actual[i]);
            }
        }
        if (differing > 0) {
            fail(differing + " of " + expected.length + " elements differ beyond abs " + tol.absolute()
                    + " + rel " + tol.relative() + "; worst at [" + worst + "]: expected " + expected[worst]
                    + " but was " + actual[worst] + " (|diff| " + worstDiff + ")" + first);
        }
    }
}
