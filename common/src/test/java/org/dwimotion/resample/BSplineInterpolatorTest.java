package org.dwimotion.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.junit.jupiter.api.Test;

class BSplineInterpolatorTest extends InterpolatorContractTest {
    @Override
    Interpolator create(Image3D image) {
        return new BSplineInterpolator(image);
    }

    /** Cubic B-splines reproduce cubic polynomials away from the mirrored border. */
    @Test
    void reproducesACubicInTheInterior() {
        ImageGeometry g = ImageGeometry.ofSpacing(24, 4, 4, 1, 1, 1);
        float[] d = new float[g.numVoxels()];
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 24; i++) {
                    d[g.index(i, j, k)] = (float) cubic(i);
                }
            }
        }
        BSplineInterpolator it = new BSplineInterpolator(new Image3D(g, d));
        for (double x = 9; x <= 14; x += 0.37) {
            assertEquals(cubic(x), it.evaluateAtContinuousIndex(x, 1.3, 2.2), 2e-3 * Math.abs(cubic(x)) + 1e-3);
        }
    }

    private static double cubic(double x) {
        return 0.01 * x * x * x - 0.2 * x * x + x + 5;
    }
}
