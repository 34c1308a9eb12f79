package org.dwimotion.registration.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParzenJointHistogramTest {

    @Test
    void cubicBSplineIsAPartitionOfUnity() {
        for (double t = 0; t < 1; t += 0.0625) {
            double s = 0;
            for (int j = -2; j <= 2; j++) {
                s += ParzenJointHistogram.cubicBSpline(j - t);
            }
            assertEquals(1.0, s, 1e-12);
        }
        assertEquals(2.0 / 3, ParzenJointHistogram.cubicBSpline(0), 1e-15);
        assertEquals(0, ParzenJointHistogram.cubicBSpline(2), 0);
    }

    @Test
    void dependentValuesShareInformationIndependentOnesAlmostNone() {
        SplittableRandom r = new SplittableRandom(3);
        ParzenJointHistogram same = new ParzenJointHistogram(32, 0, 1, 0, 1);
        ParzenJointHistogram inverted = new ParzenJointHistogram(32, 0, 1, -1, 0);
        ParzenJointHistogram independent = new ParzenJointHistogram(32, 0, 1, 0, 1);
        for (int i = 0; i < 20000; i++) {
            double x = r.nextDouble();
            same.add(x, x);
            inverted.add(x, -x); // a contrast inversion carries the same information
            independent.add(x, r.nextDouble());
        }
        double mi = same.mutualInformation();
        // 28 inner bins, uniform: at most log 28 = 3.33 nats, less the Parzen blur
        assertTrue(mi > 2.0 && mi < Math.log(28), "MI " + mi);
        assertEquals(mi, inverted.mutualInformation(), 0.02);
        assertTrue(independent.mutualInformation() < 0.05, "MI " + independent.mutualInformation());
        assertEquals(20000, same.count(), 0);
    }

    @Test
    void clearEmptiesAndOutOfRangeValuesAreClamped() {
        ParzenJointHistogram h = new ParzenJointHistogram(16, 0, 10, 0, 10);
        assertEquals(0, h.mutualInformation(), 0);
        h.add(-5, 50);
        h.add(20, -3);
        assertTrue(Double.isFinite(h.mutualInformation()));
        h.clear();
        assertEquals(0, h.count(), 0);
        assertEquals(0, h.mutualInformation(), 0);
        assertThrows(IllegalArgumentException.class, () -> new ParzenJointHistogram(5, 0, 1, 0, 1));
    }
}
