package org.dwimotion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void quantileInterpolatesLikeNumpy() {
        double[] s = {1, 2, 3, 4, 10};
        assertEquals(3, Quantiles.ofSorted(s, 0.5), 0);
        assertEquals(4 + 0.8 * 6, Quantiles.ofSorted(s, 0.95), 1e-12); // numpy.percentile(s, 95) = 8.8
        assertEquals(1.75, Quantiles.ofSorted(new double[] {1, 2, 3, 4}, 0.25), 1e-15); // numpy: 1.75
        assertEquals(1, Quantiles.ofSorted(s, 0), 0);
        assertEquals(10, Quantiles.ofSorted(s, 1), 0);
        assertEquals(7, Quantiles.ofSorted(new double[] {7}, 0.95), 0);
        assertTrue(Double.isNaN(Quantiles.ofSorted(new double[0], 0.5)));
    }

    @Test
    void medianOfUnsortedValuesLeavesThemAlone() {
        double[] v = {5, 1, 4, 2};
        assertEquals(3, Quantiles.median(v), 0);
        assertArrayEquals(new double[] {5, 1, 4, 2}, v, 0);
        assertEquals(4, Quantiles.median(new double[] {9, 4, 1}), 0);
        assertTrue(Double.isNaN(Quantiles.median(new double[0])));
    }
}
