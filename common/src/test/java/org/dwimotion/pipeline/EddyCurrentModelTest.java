package org.dwimotion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dwimotion.image.Affines;
import org.dwimotion.registration.transform.EddyTransform;
import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * EddyCurrentModel on analytic series: transforms built as E(e_v) ∘ G_v from known rigid motions (mm, radians
 * about a centre in mm) and eddy coefficients e_v = K·(b_v/b_max)·g_v (mm/mm) are split, fitted and rebuilt
 * exactly.
 */
class EddyCurrentModelTest {
    private static final double[] C = {1.5, -2, 3};
    private static final double[] Y = EddyTransform.WORLD_Y;
    private static final double B0 = 50;
    private static final double[] K = {-0.03, 0.004, -0.002, 0.001, 0.025, 0.003, -0.004, 0.002, 0.02};

    @Test
    void modelledCoefficientsAreKTimesScaledGradient() {
        EddySeries s = EddySeries.make(3, K, C, Y, B0);
        for (int v = 0; v < s.bvals().length; v++) {
            double f = s.bvals()[v] / 2000;
            for (int i = 0; i < 3; i++) {
                double want = s.bvals()[v] > B0 ? f * (K[3 * i] * s.bvecs()[3 * v] + K[3 * i + 1] * s.bvecs()[3 * v + 1]
                        + K[3 * i + 2] * s.bvecs()[3 * v + 2]) : 0;
                assertTrue(Math.abs(want - s.eddy()[3 * v + i]) < 1e-15);
            }
        }
    }

    @Test
    void splitsAndRebuildsExactly() {
        EddySeries s = EddySeries.make(3, K, C, Y, B0);
        EddyCurrentModel.Parts parts = EddyCurrentModel.decompose(s.transforms(), s.bvals(), B0, Y, C);
        double[] eddy = parts.eddy();
        double[] rigid = parts.rigid();
        assertArrayEquals(rigid, EddyCurrentModel.rigidParts(s.transforms(), s.bvals(), B0, Y, C), 0);
        assertArrayEquals(s.eddy(), eddy, 1e-12);
        assertArrayEquals(s.rigid(), rigid, 1e-12);
        assertArrayEquals(s.transforms(), EddyCurrentModel.withEddy(rigid, eddy, s.bvals(), B0, Y, C), 1e-12);
        // a DWI's transform is the eddy displacement after the rigid motion
        double[] g = new double[3];
        double[] a = new double[3];
        Affines.apply(TransformSet.get(s.rigid(), 1), 20, -30, 40, g);
        Affines.apply(TransformSet.get(s.transforms(), 1), 20, -30, 40, a);
        double shift = s.eddy()[3] * (g[0] - C[0]) + s.eddy()[4] * (g[1] - C[1]) + s.eddy()[5] * (g[2] - C[2]);
        assertArrayEquals(new double[] {g[0], g[1] + shift, g[2]}, a, 1e-12);
    }

    @Test
    void fitRecoversK() {
        EddySeries s = EddySeries.make(4, K, C, Y, B0);
        assertArrayEquals(K, EddyCurrentModel.fit(s.eddy(), s.bvals(), s.bvecs(), B0), 1e-12);
    }

    @Test
    void aConstantPerShellDoesNotChangeK() {
        EddySeries s = EddySeries.make(7, K, C, Y, B0);
        double[] eddy = s.eddy().clone();
        for (int v = 0; v < s.bvals().length; v++) {
            if (s.bvals()[v] > B0) {
                double[] shift = s.bvals()[v] == 1000 ? new double[] {0.004, -0.01, 0.002} : new double[] {-0.003, 0.02,
                        0.006};
                for (int i = 0; i < 3; i++) {
                    eddy[3 * v + i] += shift[i];
                }
            }
        }
        assertArrayEquals(K, EddyCurrentModel.fit(eddy, s.bvals(), s.bvecs(), B0), 1e-12);
    }

    @Test
    void updateImposesTheFittedFieldAndKeepsRigidPartsAndB0() {
        EddySeries s = EddySeries.make(5, K, C, Y, B0);
        double[] noisy = s.eddy().clone();
        Random r = new Random(9);
        for (int v = 0; v < s.bvals().length; v++) {
            if (s.bvals()[v] > B0) {
                for (int i = 0; i < 3; i++) {
                    noisy[3 * v + i] += 0.002 * r.nextGaussian();
                }
            }
        }
        EddyCurrentModel.Update u = EddyCurrentModel.update(s.rigid(), noisy, s.bvals(), s.bvecs(), B0, Y, C,
                EddyCurrentModel.History.none(), false);
        double[] k = EddyCurrentModel.fit(noisy, s.bvals(), s.bvecs(), B0);
        assertArrayEquals(k, u.k(), 0);
        assertArrayEquals(EddyCurrentModel.withEddy(s.rigid(), EddyCurrentModel.modelled(k, s.bvals(), s.bvecs(), B0),
                s.bvals(), B0, Y, C), u.transforms(), 0);
        for (int v : new int[] {0, 5, 10}) {
            assertArrayEquals(TransformSet.get(s.rigid(), v), TransformSet.get(u.transforms(), v), 0);
        }
        assertArrayEquals(s.rigid(), EddyCurrentModel.rigidParts(u.transforms(), s.bvals(), B0, Y, C), 1e-12);
        assertArrayEquals(k, u.history().previous(), 0);
        assertNull(u.history().beforePrevious());
        // exact model data are a fixed point
        assertArrayEquals(s.transforms(), EddyCurrentModel.update(s.rigid(), s.eddy(), s.bvals(), s.bvecs(), B0, Y, C,
                EddyCurrentModel.History.none(), false).transforms(), 1e-12);
    }

    @Test
    void extrapolationFindsTheLimitOfAGeometricSequencePerColumn() {
        // column j converges with ratio rho_j: K_n = K (1 - rho_j^n), from K_0 = 0
        double[] rho = {0.55, 0.45, 0.8};
        double[][] kn = new double[4][9];
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    kn[n][3 * i + j] = K[3 * i + j] * (1 - Math.pow(rho[j], n));
                }
            }
        }
        assertArrayEquals(K, EddyCurrentModel.extrapolate(kn[1], kn[2], kn[3]), 1e-15);
        assertArrayEquals(K, EddyCurrentModel.extrapolate(null, kn[1], kn[2]), 1e-15);
        // a diverging or stalled column is capped at MAX_RATIO (9 last steps) or left as it is
        double[] up = kn[3].clone();
        for (int i = 0; i < 3; i++) {
            up[3 * i] = kn[2][3 * i] + 2 * (kn[2][3 * i] - kn[1][3 * i]);
        }
        double[] x = EddyCurrentModel.extrapolate(kn[1], kn[2], up);
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(up[3 * i] + 9 * (up[3 * i] - kn[2][3 * i]) - x[3 * i]) < 1e-15);
        }
        assertArrayEquals(kn[2], EddyCurrentModel.extrapolate(kn[1], kn[2], kn[2]), 0);
    }

    @Test
    void updateExtrapolatesFromItsHistory() {
        EddySeries s = EddySeries.make(6, K, C, Y, B0);
        double[] k1 = new double[9];
        double[] k2 = new double[9];
        for (int i = 0; i < 9; i++) {
            k1[i] = 0.5 * K[i];
            k2[i] = 0.75 * K[i];
        }
        // the fit gives 0.875 K: ratio 0.5 in every column, limit K
        double[] eddy = EddyCurrentModel.modelled(K, s.bvals(), s.bvecs(), B0);
        for (int i = 0; i < eddy.length; i++) {
            eddy[i] *= 0.875;
        }
        EddyCurrentModel.Update u = EddyCurrentModel.update(s.rigid(), eddy, s.bvals(), s.bvecs(), B0, Y, C,
                new EddyCurrentModel.History(k2, k1), true);
        assertArrayEquals(K, u.k(), 1e-12);
        assertArrayEquals(s.transforms(), u.transforms(), 1e-12);
        assertArrayEquals(k2, u.history().beforePrevious(), 0);
    }

    @Test
    void extrapolatesOnlyBeforeTheLastOfAtLeastFourIterations() {
        assertFalse(EddyCurrentModel.extrapolatesAfter(1, 2));
        assertFalse(EddyCurrentModel.extrapolatesAfter(2, 2));
        assertFalse(EddyCurrentModel.extrapolatesAfter(2, 3));
        assertFalse(EddyCurrentModel.extrapolatesAfter(1, 3));
        assertTrue(EddyCurrentModel.extrapolatesAfter(3, 4));
        assertFalse(EddyCurrentModel.extrapolatesAfter(4, 4));
        assertFalse(EddyCurrentModel.extrapolatesAfter(3, 5));
        assertTrue(EddyCurrentModel.extrapolatesAfter(4, 5));
    }

    @Test
    void underdeterminedFitsLeaveTheDwisTheirOwnEstimates() {
        int n = 8;
        double[] bvals = {0, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
        double[] bvecs = new double[3 * n];
        double[] tilt = {0.3, -0.2, 0.9};
        for (int v = 1; v < n; v++) {
            // all in the plane orthogonal to `tilt` (rank 2)
            double[] d = {Math.cos(v), Math.sin(v), 0};
            double[] p = {d[1] * tilt[2] - d[2] * tilt[1], d[2] * tilt[0] - d[0] * tilt[2], d[0] * tilt[1] - d[1] * tilt[0]};
            double norm = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            for (int i = 0; i < 3; i++) {
                bvecs[3 * v + i] = p[i] / norm;
            }
        }
        double[] eddy = new double[3 * n];
        for (int i = 3; i < eddy.length; i++) {
            eddy[i] = 0.001 * i;
        }
        assertNull(EddyCurrentModel.fit(eddy, bvals, bvecs, B0));
        double[] rigid = TransformSet.identities(n);
        EddyCurrentModel.Update u = EddyCurrentModel.update(rigid, eddy, bvals, bvecs, B0, Y, C,
                EddyCurrentModel.History.none(), false);
        assertNull(u.k());
        assertArrayEquals(EddyCurrentModel.withEddy(rigid, eddy, bvals, B0, Y, C), u.transforms(), 0);
        assertNull(EddyCurrentModel.fit(new double[9], new double[] {0, 1000, 1000}, new double[9], B0));
        assertThrows(IllegalArgumentException.class, () -> EddyCurrentModel.withEddy(new double[16], eddy, bvals, B0,
                Y, C));
    }
}
