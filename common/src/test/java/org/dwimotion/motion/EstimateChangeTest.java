package org.dwimotion.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dwimotion.image.Affines;
import org.dwimotion.image.ImageGeometry;
import org.junit.jupiter.api.Test;

/** Per-volume shifts with known size: a pure translation moves every point by its length. */
class EstimateChangeTest {
    private static final ImageGeometry GRID = ImageGeometry.ofSpacing(8, 9, 7, 2.0, 2.0, 2.0);

    private static double[] translations(double[][] t) {
        double[] out = new double[16 * t.length];
        for (int v = 0; v < t.length; v++) {
            double[] m = Affines.identity();
            m[3] = t[v][0];
            m[7] = t[v][1];
            m[11] = t[v][2];
            System.arraycopy(m, 0, out, 16 * v, 16);
        }
        return out;
    }

    @Test
    void medianAndLargestPerVolumeMove() {
        double[] before = translations(new double[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, -1}});
        // moves of 0.1, 0.5 (3-4-5 triangle scaled) and 0.2 mm
        double[] after = translations(new double[][] {{1.1, 0, 0}, {0.3, 2.4, 0}, {0, 0, -1.2}});
        EstimateChange c = EstimateChange.between(before, after, GRID, null);
        assertEquals(0.2, c.medianMm(), 1e-12);
        assertEquals(0.5, c.maxMm(), 1e-12);
        assertEquals(1, c.maxVolume());
        EstimateChange none = EstimateChange.between(before, before, GRID, null);
        assertEquals(0, none.maxMm(), 0);
        assertEquals(0, none.maxVolume());
    }

    @Test
    void evenCountTakesTheMeanOfTheMiddleTwo() {
        double[] before = translations(new double[4][3]);
        double[] after = translations(new double[][] {{0.1, 0, 0}, {0.2, 0, 0}, {0.4, 0, 0}, {0.8, 0, 0}});
        assertEquals(0.3, EstimateChange.between(before, after, GRID, null).medianMm(), 1e-12);
    }

    @Test
    void mismatchedArraysAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> EstimateChange.between(new double[32], new double[16], GRID, null));
        assertThrows(IllegalArgumentException.class,
                () -> EstimateChange.between(new double[0], new double[0], GRID, null));
    }
}
