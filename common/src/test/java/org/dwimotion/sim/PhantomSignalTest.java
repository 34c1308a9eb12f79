package org.dwimotion.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.dwimotion.image.ImageGeometry;
import org.junit.jupiter.api.Test;

class PhantomSignalTest {
    /** 24×28×24 at 4.5 mm, FOV centred on the world origin (voxel (i, j, k) at 4.5·(i − 11.5, j − 13.5, k − 11.5)). */
    private static final ImageGeometry GRID = DwiSimulator.geometryOf(new SimulationConfig(new int[] {24, 28, 24}, 4.5,
            new double[] {3000}, 6, 1, 0, 0, 0, 0, 0, 1L));
    private static final double[] G = {0.6, 0.0, 0.8};

    private static PhantomSignal signal() {
        return new PhantomSignal(new HeadAnatomy(GRID), TissueClass.WHITE_MATTER, TissueClass.GREY_MATTER,
                TissueClass.CSF);
    }

    @Test
    void oneSampleIsTheSignalAtTheVoxelCentre() {
        PhantomSignal s = signal();
        double[] p = new double[3];
        GRID.indexToWorld(9, 12, 14, p);
        assertEquals(s.at(p[0], p[1], p[2], 3000, G[0], G[1], G[2]),
                s.voxelMean(GRID.voxelToWorld(), 9, 12, 14, 1, 3000, G[0], G[1], G[2]), 0);
    }

    @Test
    void twoSamplesAverageTheEightPointsAQuarterVoxelFromTheCentre() {
        PhantomSignal s = signal();
        double h = 4.5 / 4;
        double[] c = new double[3];
        GRID.indexToWorld(9, 12, 14, c); // near the white-matter edge: the eight points differ
        double sum = 0;
        for (int dx = -1; dx <= 1; dx += 2) {
            for (int dy = -1; dy <= 1; dy += 2) {
                for (int dz = -1; dz <= 1; dz += 2) {
                    sum += s.at(c[0] + dx * h, c[1] + dy * h, c[2] + dz * h, 3000, G[0], G[1], G[2]);
                }
            }
        }
        double mean = s.voxelMean(GRID.voxelToWorld(), 9, 12, 14, 2, 3000, G[0], G[1], G[2]);
        assertEquals(sum / 8, mean, 1e-12 * sum);
        assertNotEquals(s.at(c[0], c[1], c[2], 3000, G[0], G[1], G[2]), mean, 1e-6 * mean);
    }
}
