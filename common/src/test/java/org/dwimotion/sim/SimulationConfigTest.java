package org.dwimotion.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimulationConfigTest {

    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void defaultsDescribeTheDemo() {
        SimulationConfig c = SimulationConfig.defaults();
        assertEquals(96, c.volumes());
    }

    @Test
    void badOptionsAreNamed() {
        int[] shape = {24, 28, 24};
        double[] shells = {1000};
        assertTrue(error(() -> new SimulationConfig(shape, 4.5, shells, 12, 1, -1, 1, 1, 0, 0, 1)).contains("--snr"));
        assertTrue(error(() -> new SimulationConfig(new int[] {8, 28, 24}, 4.5, shells, 12, 1, 30, 1, 1, 0, 0, 1))
                .contains("--shape"));
        assertTrue(error(() -> new SimulationConfig(shape, 4.5, new double[] {1000, 1050}, 12, 1, 30, 1, 1, 0, 0, 1))
                .contains("--shells"));
        assertTrue(error(() -> new SimulationConfig(shape, 4.5, new double[] {5000}, 12, 1, 30, 1, 1, 0, 0, 1))
                .contains("--shells"));
        assertTrue(error(() -> new SimulationConfig(shape, 4.5, shells, 12, 0, 30, 1, 1, 0, 0, 1)).contains("--b0"));
        assertTrue(error(() -> new SimulationConfig(shape, 4.5, shells, 12, 1, 30, 1, 1, 13, 0, 1)).contains("--spikes"));
        assertTrue(error(() -> new SimulationConfig(shape, 4.5, shells, 12, 1, 30, -1, 1, 0, 0, 1))
                .contains("--max-translation"));
        assertTrue(error(() -> new SimulationConfig(shape, 4.5, shells, 12, 1, 30, 1, 1, 0, 0.5, 1)).contains("--eddy"));
        assertTrue(error(() -> new SimulationConfig(shape, Double.NaN, shells, 12, 1, 30, 1, 1, 0, 0, 1))
                .contains("--voxel"));
        assertTrue(error(() -> new SimulationConfig(shape, 4.5, shells, 12, 1, 30, 1, 1, 0, 0, 1, 0))
                .contains("--voxel-samples"));
        assertTrue(error(() -> SimulationConfig.defaults().withVoxelSamples(SimulationConfig.MAX_VOXEL_SAMPLES + 1))
                .contains("--voxel-samples"));
    }

    @Test
    void voxelsAverageTwoPointsPerAxisUnlessToldOtherwise() {
        assertEquals(2, SimulationConfig.defaults().voxelSamples());
        SimulationConfig points = SimulationConfig.defaults().withVoxelSamples(1);
        assertEquals(1, points.voxelSamples());
        assertEquals(SimulationConfig.defaults(), points.withVoxelSamples(2));
        assertTrue(!points.equals(SimulationConfig.defaults()));
    }
}
