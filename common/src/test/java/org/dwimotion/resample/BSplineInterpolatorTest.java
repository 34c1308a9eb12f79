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

    /**
     * A caller's coefficient array (as a registration passes from level to level, still holding the previous
     * level's coefficients) gives the same values bit for bit, inside the grid and in the mirrored border; one of
     * another length is ignored. Axes of 2 and 3 voxels take the mirrored path only.
     */
    @Test
    void reusedCoefficientArrayGivesTheSameBits() {
        for (int[] n : new int[][] {{9, 8, 7}, {2, 3, 6}}) {
            ImageGeometry g = ImageGeometry.ofSpacing(n[0], n[1], n[2], 2, 2, 2);
            Image3D image = InterpolatorContractTest.random(g, 11);
            BSplineInterpolator fresh = new BSplineInterpolator(image);
            double[] previous = new double[g.numVoxels()];
            new BSplineInterpolator(InterpolatorContractTest.random(g, 12), previous);
            for (double[] coefficients : new double[][] {previous, new double[1]}) {
                BSplineInterpolator reused = new BSplineInterpolator(image, coefficients);
                for (double x = -1.3; x < n[0] + 0.5; x += 0.37) {
                    for (double y = -0.6; y < n[1] + 0.5; y += 0.41) {
                        for (double z = -0.2; z < n[2] + 0.5; z += 0.53) {
                            assertEquals(Double.doubleToLongBits(fresh.evaluateAtContinuousIndex(x, y, z)),
                                    Double.doubleToLongBits(reused.evaluateAtContinuousIndex(x, y, z)),
                                    x + "," + y + "," + z);
                        }
                    }
                }
            }
        }
    }
}
