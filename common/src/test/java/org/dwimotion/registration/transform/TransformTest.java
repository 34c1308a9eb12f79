package org.dwimotion.registration.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.dwimotion.image.Affines;
import org.junit.jupiter.api.Test;

/** Contract and analytic tests of the rigid and affine transforms. */
class TransformTest {
    private static final double[] CENTRE = {10, -20, 5};

    @Test
    void rigidEulerOrderIsZYXAboutTheCentre() {
        // Rz(90°) maps centre + x to centre + y
        RigidTransform rz = new RigidTransform(CENTRE, new double[] {0, 0, 0, 0, 0, Math.PI / 2});
        double[] out = new double[3];
        rz.transformPoint(CENTRE[0] + 1, CENTRE[1], CENTRE[2], out);
        assertArrayEquals(new double[] {CENTRE[0], CENTRE[1] + 1, CENTRE[2]}, out, 1e-12);
        // R = Rz Ry Rx: x first. Rx(90°) takes +y to +z, then Rz(90°) leaves +z alone
        RigidTransform xz = new RigidTransform(CENTRE, new double[] {1, 2, 3, Math.PI / 2, 0, Math.PI / 2});
        xz.transformPoint(CENTRE[0], CENTRE[1] + 1, CENTRE[2], out);
        assertArrayEquals(new double[] {CENTRE[0] + 1, CENTRE[1] + 2, CENTRE[2] + 1 + 3}, out, 1e-12);
        // the centre moves by t
        xz.transformPoint(CENTRE[0], CENTRE[1], CENTRE[2], out);
        assertArrayEquals(new double[] {CENTRE[0] + 1, CENTRE[1] + 2, CENTRE[2] + 3}, out, 1e-12);
    }

    @Test
    void rigidParametersSurviveTheMatrixRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            double[] p = {rnd.nextDouble(-20, 20), rnd.nextDouble(-20, 20), rnd.nextDouble(-20, 20),
                    rnd.nextDouble(-Math.PI, Math.PI), rnd.nextDouble(-1.5, 1.5), rnd.nextDouble(-Math.PI, Math.PI)};
            double[] m = new RigidTransform(CENTRE, p).toMatrix();
            RigidTransform back = RigidTransform.fromMatrix(m, CENTRE);
            assertArrayEquals(p, back.getParameters(), 1e-9);
            // another centre gives other parameters but the same matrix
            RigidTransform other = RigidTransform.fromMatrix(m, new double[] {0, 0, 0});
            assertArrayEquals(m, other.toMatrix(), 1e-9);
        }
    }

    @Test
    void rigidFromMatrixProjectsSmallShearAndRejectsReflections() {
        double[] m = new RigidTransform(CENTRE, new double[] {1, 2, 3, 0.1, 0.2, 0.3}).toMatrix();
        double[] noisy = m.clone();
        noisy[1] += 1e-7;
        noisy[0] *= 1 + 1e-7;
        assertArrayEquals(new double[] {1, 2, 3, 0.1, 0.2, 0.3}, RigidTransform.fromMatrix(noisy, CENTRE).getParameters(), 1e-5);
        double[] flip = Affines.identity();
        flip[0] = -1;
        assertThrows(IllegalArgumentException.class, () -> RigidTransform.fromMatrix(flip, CENTRE));
    }

    @Test
    void rigidGimbalLockStillReproducesTheMatrix() {
        double[] m = new RigidTransform(CENTRE, new double[] {0, 0, 0, 0.3, Math.PI / 2, -0.2}).toMatrix();
        assertArrayEquals(m, RigidTransform.fromMatrix(m, CENTRE).toMatrix(), 1e-9);
    }

    @Test
    void affineMatrixRoundTripIsExact() {
        double[] p = {1.02, 0.01, -0.03, 0.02, 0.97, 0.01, -0.01, 0.02, 1.01, 3, -2, 1};
        AffineTransform a = new AffineTransform(CENTRE, p);
        assertArrayEquals(p, AffineTransform.fromMatrix(a.toMatrix(), CENTRE).getParameters(), 1e-12);
    }

    @Test
    void jacobiansMatchFiniteDifferences() {
        check(new RigidTransform(CENTRE, new double[] {1, -2, 3, 0.3, -0.4, 0.5}));
        check(new AffineTransform(CENTRE, new double[] {1.1, 0.1, -0.2, 0.05, 0.9, 0.1, 0.0, -0.1, 1.05, 2, 3, 4}));
    }

    private static void check(Transform t) {
        int np = t.numberOfParameters();
        double[] x = {37, -11, 52};
        double[] jac = new double[3 * np];
        t.computeJacobianWithRespectToParameters(x[0], x[1], x[2], jac);
        double[] p0 = t.getParameters();
        double[] plus = new double[3], minus = new double[3];
        double h = 1e-6;
        for (int k = 0; k < np; k++) {
            Transform tp = t.copy();
            double[] p = p0.clone();
            p[k] += h;
            tp.setParameters(p);
            tp.transformPoint(x[0], x[1], x[2], plus);
            p[k] -= 2 * h;
            tp.setParameters(p);
            tp.transformPoint(x[0], x[1], x[2], minus);
            for (int r = 0; r < 3; r++) {
                assertEquals((plus[r] - minus[r]) / (2 * h), jac[r * np + k], 1e-5, "d T_" + r + " / d p_" + k);
            }
        }
    }

    @Test
    void identityAndCopyAreIndependent() {
        RigidTransform r = new RigidTransform(CENTRE, new double[] {1, 2, 3, 0.1, 0.2, 0.3});
        RigidTransform c = r.copy();
        c.setIdentity();
        assertArrayEquals(Affines.identity(), c.toMatrix(), 0);
        assertEquals(1, r.getParameters()[0]);
        assertArrayEquals(Affines.identity(), new AffineTransform(CENTRE).toMatrix(), 0);
        assertThrows(IllegalArgumentException.class, () -> r.setParameters(new double[5]));
        assertThrows(IllegalArgumentException.class, () -> r.setParameters(new double[] {0, 0, 0, Double.NaN, 0, 0}));
    }
}
