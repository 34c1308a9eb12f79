package org.dwimotion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-parameter split-half gate: |p_j| against k·|a_j − b_j|/2, each parameter on its own. */
class ParameterSignificanceTest {
    @Test
    void keepsTheParameterTheHalvesAgreeOnAndDropsTheOneTheyDoNot() {
        // seed 1's b=1000 shell, radians for the rotations: the halves agree about z, disagree about y
        double ry = Math.toRadians(-0.294), rz = Math.toRadians(0.226);
        double[] full = {0, 0, 0, 0, ry, rz};
        double[] a = {0, 0, 0, 0, Math.toRadians(-1.121), Math.toRadians(0.248)};
        double[] b = {0, 0, 0, 0, Math.toRadians(0.505), Math.toRadians(0.204)};
        ParameterSignificance t = new ParameterSignificance(full, a, b, 2);
        assertArrayEquals(new boolean[] {false, false, false, false, false, true}, t.kept());
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, rz}, t.gated(), 0);
        assertTrue(t.any());
    }

    @Test
    void nothingPassesWhenEveryParameterIsWithinItsNoise() {
        double[] full = {0.1, 0, 0, 0, 0, 0};
        ParameterSignificance t = new ParameterSignificance(full, new double[] {0.3, 0, 0, 0, 0, 0},
                new double[] {-0.1, 0, 0, 0, 0, 0}, 2);
        assertFalse(t.any());
        assertArrayEquals(new double[6], t.gated(), 0);
    }

    @Test
    void copiesItsArraysAndRejectsBadShapes() {
        double[] full = {1, 0, 0, 0, 0, 0};
        ParameterSignificance t = new ParameterSignificance(full, new double[6], new double[6], 2);
        full[0] = 0;
        assertTrue(t.kept()[0]);
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterSignificance(new double[5], new double[6], new double[6], 2));
    }
}
