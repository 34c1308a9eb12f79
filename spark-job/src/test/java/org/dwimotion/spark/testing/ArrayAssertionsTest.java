package org.dwimotion.spark.testing;

import static org.dwimotion.spark.testing.ArrayAssertions.assertArrayClose;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Pure Java: no Spark session. */
class ArrayAssertionsTest {

    @Test
    void withinToleranceAndNaNMatchNaN() {
        assertArrayClose(new float[] {1, Float.NaN, 100}, new float[] {1.0005f, Float.NaN, 100.05f},
                new Tolerance(1e-3, 1e-3));
        assertArrayClose(new double[] {Double.POSITIVE_INFINITY}, new double[] {Double.POSITIVE_INFINITY},
                Tolerance.EXACT);
    }

    @Test
    void failureReportsCountWorstAndFirst() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertArrayClose(
                new double[] {0, 1, 2, 3}, new double[] {0, 1.1, 2, 5}, Tolerance.absolute(0.01)));
        String m = e.getMessage();
        assertTrue(m.startsWith("2 of 4 elements differ"), m);
        assertTrue(m.contains("worst at [3]: expected 3.0 but was 5.0"), m);
        assertTrue(m.contains("[1] expected 1.0 but was 1.1"), m);
    }

    @Test
    void lengthsAndNaNAgainstNumberFail() {
        assertThrows(AssertionFailedError.class, () -> assertArrayClose(new float[2], new float[3], Tolerance.EXACT));
        assertThrows(AssertionFailedError.class,
                () -> assertArrayClose(new float[] {Float.NaN}, new float[] {1}, Tolerance.absolute(10)));
    }

    @Test
    void toleranceArithmetic() {
        assertTrue(new Tolerance(0, 0.01).close(100, 100.9));
        assertFalse(new Tolerance(0, 0.01).close(100, 101.1));
        assertFalse(Tolerance.absolute(1).close(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(-1, 0));
    }
}
