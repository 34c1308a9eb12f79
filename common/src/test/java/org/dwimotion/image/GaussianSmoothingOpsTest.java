package org.dwimotion.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaussianSmoothingOpsTest {
    @Test
    void impulseResponseHasTheRequestedWidthInMillimetres() {
        ImageGeometry g = ImageGeometry.ofSpacing(41, 31, 21, 1.5, 2.0, 3.0);
        float[] d = new float[g.numVoxels()];
        d[g.index(20, 15, 10)] = 1;
        double sigma = 4.0;
        Image3D out = GaussianSmoothingOps.smooth(new Image3D(g, d), sigma);
        double sum = 0, vx = 0, vy = 0, vz = 0;
        for (int k = 0; k < 21; k++) {
            for (int j = 0; j < 31; j++) {
                for (int i = 0; i < 41; i++) {
                    double w = out.data()[g.index(i, j, k)];
                    sum += w;
                    vx += w * Math.pow((i - 20) * 1.5, 2);
                    vy += w * Math.pow((j - 15) * 2.0, 2);
                    vz += w * Math.pow((k - 10) * 3.0, 2);
                }
            }
        }
        assertEquals(1, sum, 1e-5);
        // sampled Gaussians: variance within a few % of sigma^2 (coarser axes deviate more)
        assertEquals(sigma * sigma, vx, 0.02 * sigma * sigma);
        assertEquals(sigma * sigma, vy, 0.03 * sigma * sigma);
        assertEquals(sigma * sigma, vz, 0.06 * sigma * sigma);
    }

    @Test
    void constantStaysConstantAndZeroSigmaCopies() {
        ImageGeometry g = ImageGeometry.ofSpacing(5, 4, 3, 1, 1, 1);
        float[] d = new float[g.numVoxels()];
        java.util.Arrays.fill(d, 3f);
        Image3D out = GaussianSmoothingOps.smooth(new Image3D(g, d), 2.0);
        for (float v : out.data()) {
            assertEquals(3f, v, 1e-5);
        }
        Image3D same = GaussianSmoothingOps.smooth(new Image3D(g, d), 0);
        assertEquals(3f, same.data()[7]);
        assertThrows(IllegalArgumentException.class, () -> GaussianSmoothingOps.smooth(new Image3D(g, d), -1));
    }
}
