package org.dwimotion.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dwimotion.gradients.BvecFrames;
import org.dwimotion.image.Affines;
import org.junit.jupiter.api.Test;

class MotionModelTest {

    @Test
    void eulerOrderIsRzRyRx() {
        double a = 0.3, b = -0.2, c = 0.5;
        double[] rx = MotionModel.rotation(a, 0, 0), ry = MotionModel.rotation(0, b, 0), rz = MotionModel.rotation(0, 0, c);
        double[] expected = mul3(rz, mul3(ry, rx));
        assertArrayEquals(expected, MotionModel.rotation(a, b, c), 1e-15);
        // right-handed: Rz(90°) turns +x into +y, Rx(90°) turns +y into +z, Ry(90°) turns +z into +x
        assertArrayEquals(new double[] {0, 1, 0}, apply3(MotionModel.rotation(0, 0, Math.PI / 2), 1, 0, 0), 1e-15);
        assertArrayEquals(new double[] {0, 0, 1}, apply3(MotionModel.rotation(Math.PI / 2, 0, 0), 0, 1, 0), 1e-15);
        assertArrayEquals(new double[] {1, 0, 0}, apply3(MotionModel.rotation(0, Math.PI / 2, 0), 0, 0, 1), 1e-15);
    }

    @Test
    void rigidAffineRotatesAboutTheCentreThenTranslates() {
        double[] centre = {10, -5, 3};
        RigidMotion m = new RigidMotion(1, 2, 3, 0, 0, Math.PI / 2);
        double[] t = MotionModel.rigidAffine(m, centre);
        double[] out = new double[3];
        Affines.apply(t, centre[0], centre[1], centre[2], out);
        assertArrayEquals(new double[] {11, -3, 6}, out, 1e-12);
        Affines.apply(t, centre[0] + 1, centre[1], centre[2], out); // +x about the centre goes to +y
        assertArrayEquals(new double[] {11, -2, 6}, out, 1e-12);
    }

    @Test
    void headRotatedByRSeesScannerGradientAsRTransposeG() {
        // head turned 90° about z: its own x axis now points along scanner y
        RigidMotion m = new RigidMotion(0, 0, 0, 0, 0, Math.PI / 2);
        double[] g = new double[3];
        MotionModel.gradientInHeadFrame(m, 0, 1, 0, g);
        assertArrayEquals(new double[] {1, 0, 0}, g, 1e-15);
    }

    @Test
    void rotatingTheTissueEqualsCounterRotatingTheGradient() {
        RigidMotion m = new RigidMotion(0, 0, 0, 0.4, -0.7, 1.1);
        double[] r = MotionModel.rotation(m.rotX(), m.rotY(), m.rotZ());
        double[] f = DkiSignalOpsTest.unit(0.2, 0.5, 0.8);
        double[] fMoved = apply3(r, f[0], f[1], f[2]);
        double[] d = new double[6], w = new double[15], dMoved = new double[6], wMoved = new double[15];
        TissueClassTest.tensors(TissueClass.WHITE_MATTER, f, d, w);
        TissueClassTest.tensors(TissueClass.WHITE_MATTER, fMoved, dMoved, wMoved);
        double[] g = DkiSignalOpsTest.unit(-0.3, 0.9, 0.1), gHead = new double[3];
        MotionModel.gradientInHeadFrame(m, g[0], g[1], g[2], gHead);
        double moved = DkiSignalOps.signal(1, dMoved, wMoved, 2500, g[0], g[1], g[2]);
        assertEquals(moved, DkiSignalOps.signal(1, d, w, 2500, gHead[0], gHead[1], gHead[2]), 1e-14);
        // and the other direction (R·g) is wrong
        double[] wrong = apply3(r, g[0], g[1], g[2]);
        assertTrue(Math.abs(moved - DkiSignalOps.signal(1, d, w, 2500, wrong[0], wrong[1], wrong[2])) > 1e-3);
    }

    @Test
    void headFrameGradientAgreesWithTheSharedReorientation() {
        RigidMotion m = new RigidMotion(1, -2, 0.5, 0.3, -0.2, 0.7);
        double[] g = DkiSignalOpsTest.unit(0.4, -0.1, 0.9), mine = new double[3], shared = new double[3];
        MotionModel.gradientInHeadFrame(m, g[0], g[1], g[2], mine);
        BvecFrames.toReference(g, MotionModel.rigidAffine(m, new double[] {3, 4, 5}), shared);
        assertArrayEquals(shared, mine, 1e-12);
    }

    @Test
    void eddyScalesAndShearsOnlyY() {
        double[] centre = {0, 0, 0};
        double[] e = MotionModel.eddyCoefficients(0.02, 1000, 2000, 0, 1, 0);
        assertArrayEquals(new double[] {0, 0.01, 0}, e, 1e-15);
        double[] out = new double[3];
        Affines.apply(MotionModel.eddyAffine(e, centre), 5, 100, 7, out);
        assertArrayEquals(new double[] {5, 101, 7}, out, 1e-12);
        assertArrayEquals(new double[] {0, 0, 0}, MotionModel.eddyCoefficients(0.02, 0, 2000, 0, 0, 0), 0);
    }

    @Test
    void trajectoryStartsAtIdentityStaysBoundedAndHasItsSpikes() {
        double maxT = 2, maxR = Math.toRadians(2);
        MotionTrajectory.Result r = MotionTrajectory.generate(96, maxT, maxR, 3, 42);
        assertEquals(RigidMotion.IDENTITY, r.motion()[0]);
        int spikes = 0;
        for (int v = 0; v < 96; v++) {
            double[] p = r.motion()[v].toArray();
            for (int q = 0; q < 6; q++) {
                assertTrue(Math.abs(p[q]) <= (q < 3 ? maxT : maxR) + 1e-12);
            }
            spikes += r.spike()[v] ? 1 : 0;
        }
        assertEquals(3, spikes);
        assertEquals(false, r.spike()[0]);
        assertArrayEquals(MotionTrajectory.generate(96, maxT, maxR, 3, 42).motion(), r.motion());
    }

    private static double[] mul3(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
                }
            }
        }
        return c;
    }

    static double[] apply3(double[] r, double x, double y, double z) {
        return new double[] {r[0] * x + r[1] * y + r[2] * z, r[3] * x + r[4] * y + r[5] * z, r[6] * x + r[7] * y + r[8] * z};
    }
}
