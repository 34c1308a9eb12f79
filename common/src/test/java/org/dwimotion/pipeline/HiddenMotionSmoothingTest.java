package org.dwimotion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.model.dki.DkiDesignMatrix;
import org.dwimotion.model.dti.DtiDesignMatrix;
import org.dwimotion.registration.transform.RigidTransform;
import org.junit.jupiter.api.Test;

/**
 * HiddenMotionSmoothing on analytic trajectories: a smooth drift (mm, radians) plus a perturbation that lies in the
 * design's column space (what LOVO cannot see) over an interleaved two-shell scheme with b=0 volumes every 10.
 */
class HiddenMotionSmoothingTest {
    private static final int N = 40;
    private static final double[] C = {1, -2, 3};

    private static double[] bvals() {
        double[] b = new double[N];
        for (int v = 0; v < N; v++) {
            b[v] = v % 10 == 0 ? 0 : (v % 2 == 0 ? 1000 : 2000);
        }
        return b;
    }

    private static double[] bvecs(long seed) {
        Random r = new Random(seed);
        double[] g = new double[3 * N];
        double[] b = bvals();
        for (int v = 0; v < N; v++) {
            if (b[v] == 0) {
                continue;
            }
            double x = r.nextGaussian(), y = r.nextGaussian(), z = r.nextGaussian();
            double n = Math.sqrt(x * x + y * y + z * z);
            g[3 * v] = x / n;
            g[3 * v + 1] = y / n;
            g[3 * v + 2] = z / n;
        }
        return g;
    }

    /** Smooth drift per parameter: mm for translations, radians for rotations. */
    private static double[] smoothTruth() {
        double[] m = new double[6 * N];
        for (int v = 0; v < N; v++) {
            double t = (double) v / (N - 1);
            for (int k = 0; k < 6; k++) {
                double amp = k < 3 ? 2 : 0.03;
                m[6 * v + k] = amp * (Math.sin(2.1 * t + k) - Math.sin(k)) + amp * 0.5 * t * t;
            }
        }
        return m;
    }

    /** X·A with A random (p×6), scaled so the perturbation's RMS is 0.3 mm / 0.005 rad per parameter. */
    private static double[] hidden(double[] x, int p, long seed) {
        Random r = new Random(seed);
        double[] out = new double[6 * N];
        for (int k = 0; k < 6; k++) {
            double[] a = new double[p];
            for (int c = 0; c < p; c++) {
                a[c] = r.nextGaussian();
            }
            double ss = 0;
            double[] col = new double[N];
            for (int v = 0; v < N; v++) {
                for (int c = 0; c < p; c++) {
                    col[v] += x[v * p + c] * a[c];
                }
            }
            for (int v = 0; v < N; v++) {
                col[v] -= col[0]; // the reference volume 0 stays fixed
                ss += col[v] * col[v];
            }
            double f = (k < 3 ? 0.3 : 0.005) / Math.sqrt(ss / N);
            for (int v = 0; v < N; v++) {
                out[6 * v + k] = f * col[v];
            }
        }
        return out;
    }

    /** RMS over the volumes of (params + correction − truth), after removing volume 0's value, per parameter. */
    private static double[] rmsError(double[] params, double[] corr, double[] truth) {
        double[] e = new double[6];
        for (int k = 0; k < 6; k++) {
            double e0 = params[k] + corr[k] - truth[k];
            for (int v = 0; v < N; v++) {
                double d = params[6 * v + k] + corr[6 * v + k] - truth[6 * v + k] - e0;
                e[k] += d * d / N;
            }
            e[k] = Math.sqrt(e[k]);
        }
        return e;
    }

    private static double[] sum(double[] a, double[] b) {
        double[] s = a.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }

    @Test
    void smoothTruthPlusHiddenPerturbationIsRecovered() {
        double[] truth = smoothTruth();
        for (boolean dki : new boolean[] {false, true}) {
            double[] x = dki ? DkiDesignMatrix.build(bvals(), bvecs(5)) : DtiDesignMatrix.build(bvals(), bvecs(5));
            int p = dki ? DkiDesignMatrix.N_PARAMS : DtiDesignMatrix.N_PARAMS;
            double[] est = sum(truth, hidden(x, p, 11));
            for (int order = 1; order <= 2; order++) {
                for (HiddenMotionSmoothing.Loss robust : HiddenMotionSmoothing.Loss.values()) {
                    double[] corr = HiddenMotionSmoothing.correction(est,
                            x, p, 0, new HiddenMotionSmoothing.Settings(order, robust, 0, false));
                    double[] e = rmsError(est, corr, truth);
                    for (int k = 0; k < 6; k++) {
                        // perturbation RMS 0.3 mm / 0.005 rad; what is left is the drift's own projection
                        double tol = (k < 3 ? 0.3 : 0.005) * (dki ? 0.2 : 0.05);
                        assertTrue(e[k] < tol, "dki=" + dki + " order=" + order + " robust=" + robust
                                + " parameter " + k + ": residual " + e[k]);
                    }
                }
            }
        }
    }

    @Test
    void afterDtiWarmUpsADkiIterationWeighsTheDtiAndDkiCorrections() {
        double[] bv = bvals();
        double[] g = bvecs(5);
        double[] dti = DtiDesignMatrix.build(bv, g);
        double[] dki = DkiDesignMatrix.build(bv, g);
        HiddenMotionSmoothing.Settings s = HiddenMotionSmoothing.Settings.defaults();
        assertEquals(4.0 / 9, HiddenMotionSmoothing.dkiSpanWeight(bv), 1e-15); // b_max 2000
        assertEquals(1, HiddenMotionSmoothing.dkiSpanWeight(new double[] {0, 1000, 3000}));
        assertEquals(1, HiddenMotionSmoothing.dkiSpanWeight(new double[] {0, 5000}));
        assertEquals(1.0 / 9, HiddenMotionSmoothing.dkiSpanWeight(new double[] {1000, 0}), 1e-15);
        double w = HiddenMotionSmoothing.dkiSpanWeight(bv);
        double[] ssDti = new double[6];
        double[] ssDki = new double[6];
        double[] ssBoth = new double[6];
        for (long seed = 21; seed < 29; seed++) {
            // a steep drift (the smoothest col(X_DKI) member bends it) plus what the warm-ups leave: an error in
            // col(X_DTI), which no iteration sees, and a bias in col(X_DKI) (RMS 0.12 mm / 0.002 rad), which the
            // DTI model put there: two errors of a size
            double[] truth = smoothTruth();
            for (int i = 0; i < truth.length; i++) {
                truth[i] *= 2.5;
            }
            double[] bias = hidden(dki, DkiDesignMatrix.N_PARAMS, seed + 100);
            for (int i = 0; i < bias.length; i++) {
                bias[i] *= 0.4;
            }
            double[] est = sum(sum(truth, hidden(dti, DtiDesignMatrix.N_PARAMS, seed)), bias);
            double[] cDti = HiddenMotionSmoothing.correction(est, dti, DtiDesignMatrix.N_PARAMS, 0, s);
            double[] cDki = HiddenMotionSmoothing.correction(est, dki, DkiDesignMatrix.N_PARAMS, 0, s);
            double[] cBoth = new double[cDti.length];
            for (int i = 0; i < cBoth.length; i++) {
                cBoth[i] = (1 - w) * cDti[i] + w * cDki[i];
            }
            double[] eDti = rmsError(est, cDti, truth);
            double[] eDki = rmsError(est, cDki, truth);
            double[] eBoth = rmsError(est, cBoth, truth);
            for (int k = 0; k < 6; k++) {
                ssDti[k] += eDti[k] * eDti[k];
                ssDki[k] += eDki[k] * eDki[k];
                ssBoth[k] += eBoth[k] * eBoth[k];
            }
        }
        for (int k = 0; k < 6; k++) {
            // RMS over 8 trajectories: the blend's error is 0.74–0.79 of the worse one's, 0.86–1.03 of the better
            // one's
            double both = Math.sqrt(ssBoth[k]);
            double better = Math.sqrt(Math.min(ssDti[k], ssDki[k]));
            double worse = Math.sqrt(Math.max(ssDti[k], ssDki[k]));
            assertTrue(both < 0.95 * worse && both < 1.05 * better, "parameter " + k + ": " + both + " vs "
                    + Math.sqrt(ssDti[k]) + " (DTI design) and " + Math.sqrt(ssDki[k]) + " (DKI design)");
        }
        // what the job calls: the same blend, on transforms; a DKI iteration without warm-ups, its own design
        double[] transforms = new double[16 * N];
        double[] params = sum(smoothTruth(), hidden(dti, DtiDesignMatrix.N_PARAMS, 3));
        for (int v = 0; v < N; v++) {
            System.arraycopy(new RigidTransform(C, Arrays.copyOfRange(params, 6 * v, 6 * v + 6))
                    .toMatrix(), 0, transforms, 16 * v, 16);
        }
        double[] rel = TransformSet.relativeTo(transforms, 0);
        double[] blended = HiddenMotionSmoothing.applyAfter(rel, LovoModelType.DKI, true, bv, g, 0, C, s);
        double[] p0 = paramsOf(rel);
        double[] pD = paramsOf(HiddenMotionSmoothing.applyForModel(rel, LovoModelType.DTI, bv, g, 0, C, s));
        double[] pK = paramsOf(HiddenMotionSmoothing.applyForModel(rel, LovoModelType.DKI, bv, g, 0, C, s));
        double[] pA = paramsOf(blended);
        for (int i = 0; i < p0.length; i++) {
            assertEquals((1 - w) * pD[i] + w * pK[i], pA[i], 1e-9, "parameter " + i);
        }
        assertArrayEquals(HiddenMotionSmoothing.applyForModel(rel, LovoModelType.DKI, bv, g, 0, C, s),
                HiddenMotionSmoothing.applyAfter(rel, LovoModelType.DKI, false, bv, g, 0, C, s), 0);
        assertArrayEquals(HiddenMotionSmoothing.applyForModel(rel, LovoModelType.DTI, bv, g, 0, C, s),
                HiddenMotionSmoothing.applyAfter(rel, LovoModelType.DTI, true, bv, g, 0, C, s), 0);
    }

    private static double[] paramsOf(double[] transforms) {
        double[] p = new double[6 * N];
        for (int v = 0; v < N; v++) {
            System.arraycopy(RigidTransform.fromMatrix(TransformSet.get(transforms, v), C).getParameters(), 0, p,
                    6 * v, 6);
        }
        return p;
    }

    @Test
    void aSmoothTrajectoryKeepsItsValues() {
        // a linear drift is the smoothest trajectory there is (zero second differences, constant first ones)
        double[] m = new double[6 * N];
        for (int v = 0; v < N; v++) {
            for (int k = 0; k < 6; k++) {
                m[6 * v + k] = (k < 3 ? 0.05 : 0.001) * v;
            }
        }
        double[] x = DtiDesignMatrix.build(bvals(), bvecs(2));
        double[] corr = HiddenMotionSmoothing.correction(m, x, DtiDesignMatrix.N_PARAMS, 0,
                new HiddenMotionSmoothing.Settings(2, HiddenMotionSmoothing.Loss.NONE, 0, false));
        double[] e = rmsError(m, corr, m);
        for (int k = 0; k < 6; k++) {
            assertEquals(0, e[k], 1e-9 * (k < 3 ? 1 : 0.01));
        }
    }

    @Test
    void robustWeightsKeepSpikesFromSmearing() {
        double[] truth = smoothTruth();
        // two sudden moves of single volumes (real motion, not in the design's span)
        for (int k = 0; k < 6; k++) {
            truth[6 * 13 + k] += k < 3 ? 4 : 0.06;
            truth[6 * 27 + k] -= k < 3 ? 3 : 0.05;
        }
        double[] x = DtiDesignMatrix.build(bvals(), bvecs(5));
        int p = DtiDesignMatrix.N_PARAMS;
        double[] hidden = hidden(x, p, 11);
        double[] est = sum(truth, hidden);
        HiddenMotionSmoothing.Loss tukey = HiddenMotionSmoothing.Loss.TUKEY;
        double[] plain = rmsError(est, HiddenMotionSmoothing.correction(est, x, p, 0,
                new HiddenMotionSmoothing.Settings(1, HiddenMotionSmoothing.Loss.NONE, 0, false)), truth);
        double[] robust = rmsError(est, HiddenMotionSmoothing.correction(est, x, p, 0,
                new HiddenMotionSmoothing.Settings(1, tukey, 0, false)), truth);
        for (int k = 0; k < 6; k++) {
            double scale = k < 3 ? 0.3 : 0.005;
            assertTrue(robust[k] < 0.1 * scale, "parameter " + k + ": robust residual " + robust[k]);
            assertTrue(robust[k] < 0.5 * plain[k], "parameter " + k + ": robust " + robust[k] + " plain " + plain[k]);
        }
        // keepUnsupported: the two spikes (zero weight on both sides) keep their input, the others are corrected
        double[] corr = HiddenMotionSmoothing.correction(est, x, p, 0, new HiddenMotionSmoothing.Settings(1, tukey, 0,
                true));
        for (int k = 0; k < 6; k++) {
            assertEquals(0, corr[6 * 13 + k], 0);
            assertEquals(0, corr[6 * 27 + k], 0);
            double scale = k < 3 ? 0.3 : 0.005;
            for (int v = 1; v < N; v++) {
                if (v != 13 && v != 27) {
                    assertEquals(truth[6 * v + k] - truth[k], est[6 * v + k] + corr[6 * v + k]
                            - est[k] - corr[k], 0.3 * scale, "volume " + v + " parameter " + k);
                }
            }
        }
    }

    @Test
    void applyKeepsTheReferenceAndMovesB0sOnlyTogether() {
        double[] truth = smoothTruth();
        double[] x = DtiDesignMatrix.build(bvals(), bvecs(5));
        int p = DtiDesignMatrix.N_PARAMS;
        double[] est = sum(truth, hidden(x, p, 11));
        double[] t = new double[16 * N];
        for (int v = 0; v < N; v++) {
            double[] q = new double[6];
            for (int k = 0; k < 6; k++) {
                q[k] = est[6 * v + k] - est[k];
            }
            System.arraycopy(new RigidTransform(C, q).toMatrix(), 0, t, 16 * v, 16);
        }
        double[] out = HiddenMotionSmoothing.apply(t, x, p, 0, C, HiddenMotionSmoothing.Settings.defaults());
        assertArrayEquals(TransformSet.identities(1), TransformSet.get(out, 0), 1e-12);
        for (int v : new int[] {10, 20, 30}) {
            // b=0 rows of the design are the intercept only: their motion relative to the reference is kept
            assertArrayEquals(TransformSet.get(t, v), TransformSet.get(out, v), 1e-9);
        }
        double[] e = rmsError(paramsOf(out), new double[6 * N], truth);
        for (int k = 0; k < 6; k++) {
            assertTrue(e[k] < (k < 3 ? 0.3 : 0.005) * 0.1, "parameter " + k + ": residual " + e[k]);
        }
        // deterministic: the same input gives the same bits
        assertArrayEquals(out, HiddenMotionSmoothing.apply(t, x, p, 0, C, HiddenMotionSmoothing.Settings.defaults()),
                0);
    }

    @Test
    void rejectsBadSettingsAndShapes() {
        HiddenMotionSmoothing.Loss huber = HiddenMotionSmoothing.Loss.HUBER;
        assertThrows(IllegalArgumentException.class, () -> new HiddenMotionSmoothing.Settings(3, huber, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new HiddenMotionSmoothing.Settings(1, huber, -1, false));
        assertThrows(IllegalArgumentException.class, () -> new HiddenMotionSmoothing.Settings(1, null, 0, false));
        assertThrows(IllegalArgumentException.class,
                () -> HiddenMotionSmoothing.correction(new double[6 * N], new double[7 * N - 1], 7, 0,
                        HiddenMotionSmoothing.Settings.defaults()));
    }
}
