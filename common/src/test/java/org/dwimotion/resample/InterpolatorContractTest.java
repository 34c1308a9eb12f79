package org.dwimotion.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.junit.jupiter.api.Test;

/** Cases every {@link Interpolator} must pass; subclasses supply {@link #create}. */
abstract class InterpolatorContractTest {
    static final ImageGeometry GRID = new ImageGeometry(7, 6, 5, new double[] {
            2, 0.1, 0, -5,
            0, 2.5, 0.2, 3,
            0.1, 0, 3, 1,
            0, 0, 0, 1});

    abstract Interpolator create(Image3D image);

    static Image3D random(ImageGeometry g, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = new float[g.numVoxels()];
        for (int v = 0; v < d.length; v++) {
            d[v] = (float) rnd.nextDouble(0, 100);
        }
        return new Image3D(g, d);
    }

    @Test
    void returnsTheSamplesAtVoxelCentres() {
        Image3D img = random(GRID, 1);
        Interpolator it = create(img);
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    assertEquals(img.data()[GRID.index(i, j, k)], it.evaluateAtContinuousIndex(i, j, k), 1e-4);
                }
            }
        }
    }

    @Test
    void constantImageIsConstantEverywhere() {
        float[] d = new float[GRID.numVoxels()];
        java.util.Arrays.fill(d, 42f);
        Interpolator it = create(new Image3D(GRID, d));
        SplittableRandom rnd = new SplittableRandom(2);
        for (int t = 0; t < 200; t++) {
            assertEquals(42, it.evaluateAtContinuousIndex(rnd.nextDouble(-3, 10), rnd.nextDouble(-3, 9),
                    rnd.nextDouble(-3, 8)), 1e-9);
        }
    }

    /** Linear intensity ramps are reproduced away from the border (mirror effects decay as 0.27^d). */
    @Test
    void reproducesALinearRampInTheInterior() {
        ImageGeometry g = ImageGeometry.ofSpacing(16, 15, 14, 2, 2, 2);
        float[] d = new float[g.numVoxels()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    d[g.index(i, j, k)] = 3 * i - 2 * j + 5 * k + 7;
                }
            }
        }
        Interpolator it = create(new Image3D(g, d));
        SplittableRandom rnd = new SplittableRandom(4);
        for (int t = 0; t < 200; t++) {
            double i = rnd.nextDouble(6, 9), j = rnd.nextDouble(6, 8), k = rnd.nextDouble(6, 7.5);
            assertEquals(3 * i - 2 * j + 5 * k + 7, it.evaluateAtContinuousIndex(i, j, k), 1e-2);
        }
    }

    @Test
    void worldEvaluationGoesThroughTheGeometry() {
        Interpolator it = create(random(GRID, 5));
        double[] w = new double[3];
        GRID.indexToWorld(2.3, 1.7, 3.1, w);
        assertEquals(it.evaluateAtContinuousIndex(2.3, 1.7, 3.1), it.evaluateAtWorld(w[0], w[1], w[2]), 1e-9);
        assertTrue(it.isInsideBufferAtWorld(w[0], w[1], w[2]));
    }

    @Test
    void bufferIsTheVoxelExtent() {
        Interpolator it = create(random(GRID, 6));
        assertTrue(it.isInsideBuffer(-0.5, -0.5, -0.5));
        assertTrue(it.isInsideBuffer(6.5, 5.5, 4.5));
        assertFalse(it.isInsideBuffer(-0.51, 0, 0));
        assertFalse(it.isInsideBuffer(0, 5.51, 0));
        assertFalse(it.isInsideBuffer(0, 0, 4.51));
    }

    @Test
    void copiesAreIndependentAndAgree() {
        Interpolator a = create(random(GRID, 8));
        Interpolator b = a.copy();
        assertTrue(a != b && a.image() == b.image());
        SplittableRandom rnd = new SplittableRandom(9);
        for (int t = 0; t < 50; t++) {
            double i = rnd.nextDouble(0, 6), j = rnd.nextDouble(0, 5), k = rnd.nextDouble(0, 4);
            double va = a.evaluateAtContinuousIndex(i, j, k);
            b.evaluateAtContinuousIndex(k, i, j); // disturb b's workspace
            assertEquals(va, b.evaluateAtContinuousIndex(i, j, k), 0.0);
        }
    }
}
