package org.dwimotion.model;

import java.util.Random;
import org.dwimotion.model.dki.DkiDesignMatrix;
import org.dwimotion.model.dti.DtiDesignMatrix;

/** Synthetic gradient tables and voxel signals for the LOVO tests (fixed seeds, no files). */
final class LovoTestData {
    private LovoTestData() {
    }

    /** A gradient table: {@code nB0} volumes at b=0 interleaved with one set of directions per shell. */
    record Table(double[] bvals, double[] bvecs) {
        int n() {
            return bvals.length;
        }
    }

    /** b=0 volumes spread through the series, then {@code dirs} directions per shell (Fibonacci sphere, rotated). */
    static Table table(int nB0, int dirs, double... shells) {
        int n = nB0 + dirs * shells.length;
        double[] b = new double[n];
        double[] g = new double[3 * n];
        int every = Math.max(1, n / nB0);
        int placed = 0;
        int v = 0;
        int shell = 0;
        int d = 0;
        for (; v < n; v++) {
            if (placed < nB0 && v % every == 0) {
                placed++;
                continue; // b = 0, zero vector
            }
            if (d == dirs) {
                d = 0;
                shell++;
            }
            b[v] = shells[shell];
            double z = 1 - (2.0 * d + 1) / dirs;
            double r = Math.sqrt(1 - z * z);
            double phi = d * Math.PI * (3 - Math.sqrt(5)) + 0.3 * shell;
            g[3 * v] = r * Math.cos(phi);
            g[3 * v + 1] = r * Math.sin(phi);
            g[3 * v + 2] = z;
            d++;
        }
        return new Table(b, g);
    }

    /** Random positive-definite tensor, eigenvalues in [lo, hi] mm²/s, lower-triangular order. */
    static double[] randomTensor(Random rnd, double lo, double hi) {
        double[] q = new double[4];
        double norm = 0;
        for (int i = 0; i < 4; i++) {
            q[i] = rnd.nextGaussian();
            norm += q[i] * q[i];
        }
        norm = Math.sqrt(norm);
        double w = q[0] / norm, x = q[1] / norm, y = q[2] / norm, z = q[3] / norm;
        double[][] r = {
            {1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)},
            {2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)},
            {2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)}};
        double[] l = {lo + (hi - lo) * rnd.nextDouble(), lo + (hi - lo) * rnd.nextDouble(), lo + (hi - lo) * rnd.nextDouble()};
        double[][] dm = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 3; k++) {
                    dm[a][c] += r[a][k] * l[k] * r[c][k];
                }
            }
        }
        return new double[] {dm[0][0], dm[0][1], dm[1][1], dm[0][2], dm[1][2], dm[2][2]};
    }

    /** Noise-free DTI signals S0·exp(X·params) through DIPY's design matrix, voxel-major. */
    static double[] dtiSignals(Table t, double[][] tensors, double[] s0) {
        double[] x = DtiDesignMatrix.build(t.bvals(), t.bvecs());
        int n = t.n();
        double[] out = new double[tensors.length * n];
        for (int k = 0; k < tensors.length; k++) {
            for (int v = 0; v < n; v++) {
                double la = 0;
                for (int c = 0; c < 6; c++) {
                    la += x[v * 7 + c] * tensors[k][c];
                }
                out[k * n + v] = s0[k] * Math.exp(la);
            }
        }
        return out;
    }

    /**
     * Noise-free DKI signals through DIPY's design matrix: tensor D plus an isotropic-ish kurtosis K0 (with a small
     * random anisotropic part), coefficients MD²·K.
     */
    static double[] dkiSignals(Table t, double[][] tensors, double[] k0, double[] s0, Random rnd) {
        double[] x = DkiDesignMatrix.build(t.bvals(), t.bvecs());
        int n = t.n();
        double[] out = new double[tensors.length * n];
        for (int k = 0; k < tensors.length; k++) {
            double[] d = tensors[k];
            double md = (d[0] + d[2] + d[5]) / 3;
            double[] kt = new double[15];
            kt[0] = kt[1] = kt[2] = k0[k];
            kt[9] = kt[10] = kt[11] = k0[k] / 3;
            for (int c = 0; c < 15; c++) {
                kt[c] += 0.05 * rnd.nextGaussian();
            }
            for (int v = 0; v < n; v++) {
                double la = 0;
                for (int c = 0; c < 6; c++) {
                    la += x[v * 22 + c] * d[c];
                }
                for (int c = 0; c < 15; c++) {
                    la += x[v * 22 + 6 + c] * kt[c] * md * md;
                }
                out[k * n + v] = s0[k] * Math.exp(la);
            }
        }
        return out;
    }

    /** Adds Rician-like magnitude noise of standard deviation sigma. */
    static double[] noisy(double[] s, double sigma, Random rnd) {
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double re = s[i] + sigma * rnd.nextGaussian();
            double im = sigma * rnd.nextGaussian();
            out[i] = Math.sqrt(re * re + im * im);
        }
        return out;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
