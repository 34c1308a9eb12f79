package org.dwimotion.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Power et al.'s FD on hand-computed cases: mm and radians, rotations as arc length at 50 mm. */
class FramewiseDisplacementTest {

    @Test
    void sumsAbsoluteTranslationAndArcLengthChanges() {
        double[] p = {
                0, 0, 0, 0, 0, 0,
                1, -2, 0.5, 0.01, 0, -0.02,
                1, -2, 0.5, 0.01, 0, -0.02};
        double[] fd = FramewiseDisplacement.of(p);
        assertTrue(Double.isNaN(fd[0]));
        assertEquals(3.5 + 50 * 0.03, fd[1], 1e-12);
        assertEquals(0, fd[2], 0);
        assertEquals(fd[1], FramewiseDisplacement.between(p, 6, p, 0), 0);
        assertEquals(fd[1], FramewiseDisplacement.between(p, 0, p, 12), 0); // symmetric
    }
}
