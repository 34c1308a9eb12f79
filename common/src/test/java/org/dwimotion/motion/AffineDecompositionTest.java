package org.dwimotion.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dwimotion.image.Affines;
import org.dwimotion.sim.MotionModel;
import org.dwimotion.sim.RigidMotion;
import org.junit.jupiter.api.Test;

class AffineDecompositionTest {

    @Test
    void rotationTimesKnownStretchGivesTheStretchBack() {
        double[] c = {1, 2, 3};
        double[] rigid = MotionModel.rigidAffine(new RigidMotion(1, 2, 3, 0.1, -0.2, 0.05), c);
        // P symmetric positive definite
        double[] p = {1.02, 0.97, 1.01, 0.015, -0.01, 0.02};
        double[] pm = {p[0], p[3], p[4], 0, p[3], p[1], p[5], 0, p[4], p[5], p[2], 0, 0, 0, 0, 1};
        double[] a = Affines.multiply(rigid, pm, null);
        assertArrayEquals(p, AffineDecomposition.stretch(a), 1e-12);
        // the rotation reported in rot_* is R of A = R·P
        double[] fromAffine = MotionParameters.of(a, c);
        double[] fromRigid = MotionParameters.of(rigid, c);
        for (int q = 3; q < 6; q++) {
            assertEquals(fromRigid[q], fromAffine[q], 1e-12);
        }
    }

    @Test
    void rigidTransformsHaveUnitStretch() {
        double[] a = MotionModel.rigidAffine(new RigidMotion(5, -4, 2, 0.3, 0.2, -0.1), new double[3]);
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 0}, AffineDecomposition.stretch(a), 1e-13);
    }

    @Test
    void mirrorsAreRefused() {
        double[] a = Affines.identity();
        a[0] = -1;
        assertThrows(IllegalArgumentException.class, () -> AffineDecomposition.stretch(a));
    }
}
