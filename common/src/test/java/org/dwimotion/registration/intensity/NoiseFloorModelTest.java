package org.dwimotion.registration.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.junit.jupiter.api.Test;

/**
 * A 40³ grid, 2 mm: a ball of radius 10 voxels (the mask) holding signal 100, Rician noise of
 * sigma 20 everywhere on the fixed side; the moving side adds independent noise of a known sigma.
 */
class NoiseFloorModelTest {
    private static final int N = 40;
    private static final ImageGeometry G = ImageGeometry.ofSpacing(N, N, N, 2, 2, 2);

    private static Image3D mask() {
        float[] m = new float[G.numVoxels()];
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < N; j++) {
                for (int i = 0; i < N; i++) {
                    double r2 = (i - 19.5) * (i - 19.5) + (j - 19.5) * (j - 19.5) + (k - 19.5) * (k - 19.5);
                    m[G.index(i, j, k)] = r2 <= 100 ? 1 : 0;
                }
            }
        }
        return new Image3D(G, m);
    }

    /** |S + n| per voxel, n complex with sigma per channel (sigma 0: S itself). */
    private static Image3D rician(float[] signal, double sigma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] out = new float[signal.length];
        for (int v = 0; v < out.length; v++) {
            double a = signal[v] + sigma * RicianOpsTest.gaussian(rnd), b = sigma * RicianOpsTest.gaussian(rnd);
            out[v] = (float) Math.sqrt(a * a + b * b);
        }
        return new Image3D(G, out);
    }

    private static float[] truth(Image3D mask) {
        float[] s = new float[G.numVoxels()];
        for (int v = 0; v < s.length; v++) {
            s[v] = mask.data()[v] != 0 ? 100 : 0;
        }
        return s;
    }

    @Test
    void extraNoiseOfTheMovingImageIsRecovered() {
        Image3D mask = mask();
        Image3D fixed = rician(truth(mask), 20, 1);
        for (double extra : new double[] {10, 25, 40}) {
            Image3D moving = rician(fixed.data(), extra, 2);
            NoiseFloorModel model = NoiseFloorModel.estimate(fixed, moving, mask);
            System.out.printf("extra noise %.1f: estimated %.2f%n", extra, model.sigma());
            // the fixed image's own noise makes the estimate read high when the extra noise is small
            // (the Rician mean is convex in the signal): 11.7 for 10 here
            assertEquals(extra, model.sigma(), 0.2 * extra, "extra noise " + extra);
        }
    }

    @Test
    void identityWhenTheMovingImageIsNotNoisier() {
        Image3D mask = mask();
        Image3D fixed = rician(truth(mask), 20, 1);
        assertTrue(NoiseFloorModel.estimate(fixed, fixed, mask).isIdentity());
        // a job-like pair: fixed = a smooth prediction at the noise's mean level, moving = one noisy observation
        float[] prediction = truth(mask);
        for (int v = 0; v < prediction.length; v++) {
            prediction[v] = (float) RicianOps.expectedMagnitude(prediction[v], 20);
        }
        Image3D observed = rician(truth(mask), 20, 3);
        assertTrue(NoiseFloorModel.estimate(new Image3D(G, prediction), observed, mask).isIdentity());
    }

    @Test
    void noEstimateWithoutABackground() {
        Image3D mask = mask();
        Image3D fixed = rician(truth(mask), 20, 1);
        Image3D moving = rician(fixed.data(), 30, 2);
        assertNull(BackgroundLevels.measure(fixed, moving, null));
        assertSame(NoiseFloorModel.NONE, NoiseFloorModel.estimate(fixed, moving, null));
        // a fixed image that is 0 (padding) outside a few voxels around the mask, as the job's prediction
        float[] cut = fixed.data().clone();
        float[] m = mask.data();
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < N; j++) {
                for (int i = 0; i < N; i++) {
                    double r2 = (i - 19.5) * (i - 19.5) + (j - 19.5) * (j - 19.5) + (k - 19.5) * (k - 19.5);
                    if (r2 > 144) {
                        cut[G.index(i, j, k)] = 0;
                    }
                }
            }
        }
        assertSame(NoiseFloorModel.NONE, NoiseFloorModel.estimate(new Image3D(G, cut), moving, mask));
        // another grid
        Image3D other = new Image3D(ImageGeometry.ofSpacing(N, N, N, 2.5, 2, 2), moving.data());
        assertNull(BackgroundLevels.measure(fixed, other, mask));
        BackgroundLevels levels = BackgroundLevels.measure(fixed, moving, mask);
        assertNotNull(levels);
        assertTrue(levels.count() >= BackgroundLevels.MIN_VOXELS && levels.movingMedian() > levels.fixedMedian());
        assertTrue(m.length > levels.count());
    }

    @Test
    void applyMapsThroughTheRicianMeanAndKeepsTheInput() {
        float[] d = {0, 10, 100, 1000};
        Image3D fixed = new Image3D(ImageGeometry.ofSpacing(4, 1, 1, 1, 1, 1), d.clone());
        assertSame(fixed, NoiseFloorModel.NONE.apply(fixed));
        NoiseFloorModel model = new NoiseFloorModel(20);
        Image3D out = model.apply(fixed);
        for (int v = 0; v < d.length; v++) {
            assertEquals(d[v], fixed.data()[v], 0);
            assertEquals(RicianOps.expectedMagnitude(d[v], 20), out.data()[v], 1e-3 * out.data()[v]);
        }
        assertEquals(20 * Math.sqrt(Math.PI / 2), out.data()[0], 1e-4);
        assertThrows(IllegalArgumentException.class, () -> new NoiseFloorModel(-1));
        assertThrows(IllegalArgumentException.class, () -> new NoiseFloorModel(Double.NaN));
    }

    @Test
    void signalToNoiseIsTheMaskMedianOverSigma() {
        Image3D mask = mask();
        Image3D fixed = new Image3D(G, truth(mask));
        assertEquals(5.0, new NoiseFloorModel(20).signalToNoise(fixed, mask), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, NoiseFloorModel.NONE.signalToNoise(fixed, mask));
        assertEquals(Double.POSITIVE_INFINITY, new NoiseFloorModel(20).signalToNoise(fixed, null));
    }
}
