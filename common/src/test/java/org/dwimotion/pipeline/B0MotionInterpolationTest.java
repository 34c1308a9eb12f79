package org.dwimotion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dwimotion.image.Affines;
import org.dwimotion.registration.transform.RigidTransform;
import org.junit.jupiter.api.Test;

/** B0MotionInterpolation on analytic cases: rigid parameters (mm, radians) about a fixed centre. */
class B0MotionInterpolationTest {
    private static final double[] C = {1, -2, 3};

    private static double[] params(double[] transforms, int v) {
        return RigidTransform.fromMatrix(TransformSet.get(transforms, v), C).getParameters();
    }

    private static void put(double[] transforms, int v, double... p) {
        System.arraycopy(new RigidTransform(C, p).toMatrix(), 0, transforms, 16 * v, 16);
    }

    @Test
    void linearBetweenB0sConstantOutside() {
        // b=0 at 1, 4, 6 of 8 volumes
        double[] t = TransformSet.identities(8);
        put(t, 1, 0, 0, 0, 0, 0, 0);
        put(t, 4, 3, -6, 1.5, 0.03, -0.06, 0.09);
        put(t, 6, 4, -8, 2, 0.04, -0.08, 0.12);
        put(t, 2, 99, 99, 99, 0, 0, 0); // a DWI's entry is ignored
        double[] out = B0MotionInterpolation.interpolate(t, new int[] {1, 4, 6}, C);
        assertArrayEquals(new double[6], params(out, 0), 1e-12); // before the first b=0: its motion
        assertArrayEquals(new double[] {1, -2, 0.5, 0.01, -0.02, 0.03}, params(out, 2), 1e-12);
        assertArrayEquals(new double[] {2, -4, 1, 0.02, -0.04, 0.06}, params(out, 3), 1e-12);
        assertArrayEquals(new double[] {3.5, -7, 1.75, 0.035, -0.07, 0.105}, params(out, 5), 1e-12);
        assertArrayEquals(new double[] {4, -8, 2, 0.04, -0.08, 0.12}, params(out, 7), 1e-12); // after the last
        for (int v : new int[] {1, 4, 6}) {
            assertArrayEquals(TransformSet.get(t, v), TransformSet.get(out, v), 0); // b=0 entries kept exactly
        }
    }

    @Test
    void anglesTakeTheShorterWayRoundAndAffineB0sContributeTheirRigidPart() {
        double[] t = TransformSet.identities(3);
        put(t, 0, 0, 0, 0, 0, 0, Math.PI - 0.1);
        put(t, 2, 0, 0, 0, 0, 0, -Math.PI + 0.1);
        double[] mid = params(B0MotionInterpolation.interpolate(t, new int[] {0, 2}, C), 1);
        assertEquals(Math.PI, Math.abs(mid[5]), 1e-12); // through ±π, not through 0

        double[] a = TransformSet.identities(3);
        double[] scaled = Affines.multiply(new RigidTransform(C, new double[] {2, 0, 0, 0, 0, 0}).toMatrix(),
                Affines.identity(), null);
        scaled[5] = 1.05; // a stretch along y on top of a 2 mm x translation
        System.arraycopy(scaled, 0, a, 32, 16);
        double[] rigid = params(a, 2); // RigidTransform.fromMatrix: nearest rotation (here I), t = m − c + R·c
        assertArrayEquals(new double[] {2, 0, 0, 0, 0, 0}, rigid, 1e-12);
        double[] out = B0MotionInterpolation.interpolate(a, new int[] {0, 2}, C);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0}, params(out, 1), 1e-9);
        assertEquals(1.0, out[16 + 5], 1e-12); // interpolated volumes are rigid
        assertArrayEquals(scaled, TransformSet.get(out, 2), 0);
    }

    @Test
    void oneB0GivesItsMotionEverywhereAndBadIndicesAreRejected() {
        double[] t = TransformSet.identities(4);
        put(t, 2, 1, 2, 3, 0, 0, 0);
        double[] out = B0MotionInterpolation.interpolate(t, new int[] {2}, C);
        for (int v = 0; v < 4; v++) {
            assertArrayEquals(new double[] {1, 2, 3, 0, 0, 0}, params(out, v), 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> B0MotionInterpolation.interpolate(t, new int[0], C));
        assertThrows(IllegalArgumentException.class, () -> B0MotionInterpolation.interpolate(t, new int[] {2, 1}, C));
        assertThrows(IllegalArgumentException.class, () -> B0MotionInterpolation.interpolate(t, new int[] {4}, C));
    }

    /** A drift of 0.1 mm and 0.05° per volume along x and about y, sampled at the b=0 volumes 0, 4, 8, 12. */
    private static double[] drift(int n) {
        double[] t = TransformSet.identities(n);
        for (int v = 0; v < n; v += 4) {
            put(t, v, 0.1 * v, 0, 0, 0, Math.toRadians(0.05 * v), 0);
        }
        return t;
    }

    @Test
    void aB0CaughtInASuddenMoveIsLeftOutOfTheInterpolation() {
        int[] b0 = {0, 4, 8, 12};
        double[] t = drift(14);
        put(t, 8, 0.8 + 1.5, -0.5, 0, 0, Math.toRadians(0.4 + 1), 0); // 1.5 + 0.5 mm and 1° off the drift
        assertArrayEquals(new int[] {8}, B0MotionInterpolation.suddenMoves(t, b0, C));
        double[] out = B0MotionInterpolation.interpolate(t, b0, C);
        for (int v : new int[] {5, 6, 7, 9, 10, 11}) { // interpolated between b=0 volumes 4 and 12: the drift
            assertArrayEquals(new double[] {0.1 * v, 0, 0, 0, Math.toRadians(0.05 * v), 0}, params(out, v), 1e-12);
        }
        assertArrayEquals(TransformSet.get(t, 8), TransformSet.get(out, 8), 0); // its own transform kept
        assertArrayEquals(new double[] {1.2, 0, 0, 0, Math.toRadians(0.6), 0}, params(out, 13), 1e-12);
    }

    @Test
    void smoothTurnsSmallWobblesAndTheEndB0sAreNotSuddenMoves() {
        int[] b0 = {0, 4, 8, 12};
        double[] t = drift(13);
        assertArrayEquals(new int[0], B0MotionInterpolation.suddenMoves(t, b0, C)); // on the chord
        put(t, 8, 0.8 + 0.4, 0, 0, 0, Math.toRadians(0.4), 0); // 0.4 mm off: below the FD-like 0.5 mm
        assertArrayEquals(new int[0], B0MotionInterpolation.suddenMoves(t, b0, C));
        put(t, 8, 0.8 + 0.4, 0.4, 0, 0, Math.toRadians(0.4), 0); // 0.8 mm off, but the chord 4 → 12 is 1.5 mm long
        assertArrayEquals(new int[0], B0MotionInterpolation.suddenMoves(t, b0, C));
        put(t, 8, 0.8, 0, 0, 0, Math.toRadians(0.4), 0);
        put(t, 12, 5, 5, 5, 0, 0, 0); // the end b=0 volumes have one neighbour each: never judged, and their
        put(t, 0, -5, 5, 5, 0, 0, 0); // large moves lengthen the chords of the inner ones
        assertArrayEquals(new int[0], B0MotionInterpolation.suddenMoves(t, b0, C));
        assertArrayEquals(new int[0], B0MotionInterpolation.suddenMoves(t, new int[] {0, 12}, C));
    }

    /** b=0 volumes at 0, 10, 20, 30 of 31 volumes; the b=0 volume 20 lies 3 mm off the chord of 10 and 30. */
    private static final int[] B0 = {0, 10, 20, 30};

    private static double[] b0Motion() {
        double[] t = TransformSet.identities(31);
        put(t, 10, 1, 0, 0, 0, 0, 0);
        put(t, 20, 1, 3, 0, 0, 0, 0);
        put(t, 30, 1.5, 0, 0, 0, 0, 0);
        return t;
    }

    @Test
    void aTurningDriftIsToldFromASuddenMoveByTheVolumesAroundIt() {
        B0Start start = B0Start.of(b0Motion(), B0, C);
        assertArrayEquals(new int[] {20}, start.sudden(), "3 mm off a 0.5 mm chord: taken for a sudden move");
        assertArrayEquals(new double[] {1.275, 0, 0, 0, 0, 0}, params(start.start(), 21), 1e-9,
                "volume 21 starts on the chord");

        // the drift turns back: the DWIs next to volume 20 sit at y = 2.7 .. 3 mm after the first iteration
        double[] turning = start.start().clone();
        for (int v : new int[] {18, 19, 21, 22}) {
            put(turning, v, 1, 3 - 0.15 * Math.abs(v - 20), 0, 0, 0, 0);
        }
        assertArrayEquals(new int[] {20}, start.refutedBy(turning));
        B0Start again = start.withKnots(new int[] {20});
        assertArrayEquals(new int[0], again.sudden());
        assertArrayEquals(new double[] {1, 2.7, 0, 0, 0, 0}, params(again.start(), 19), 1e-9, "through volume 20");

        // a sudden move: the DWIs stay near the chord (one of them spiking elsewhere does not decide)
        double[] sudden = start.start().clone();
        put(sudden, 21, 1.3, 0.1, 0, 0, 0, 0);
        put(sudden, 22, 1.3, 0, 0.1, 0, 0, 0);
        put(sudden, 18, -4, 5, 2, 0.05, 0, 0);
        assertArrayEquals(new int[0], start.refutedBy(sudden));
        assertArrayEquals(start.start(), B0MotionInterpolation.interpolate(b0Motion(), B0, C), 0,
                "the same start as the one-step interpolation");
    }
}
