package org.dwimotion.model;

import org.dwimotion.model.dki.DkiDesignMatrix;
import org.dwimotion.model.dti.DtiDesignMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Test oracle: DIPY 1.6.0's LOVO recipe written out naively with EJML, one refit per held-out volume —
 * pseudo-inverse OLS, WLS with weights exp(X·β_OLS) applied as pinv(diag(w)·X)·(w·y), eigen-decomposition with
 * eigenvalues clipped at 1e-6 / -min(X without v), prediction = mean b0 · exp(tensor and kurtosis terms).
 */
final class DirectLovoReference {
    private DirectLovoReference() {
    }

    /** Prediction of volume v of one voxel (v must be diffusion-weighted). */
    static double predict(LovoDesign d, double[] signal, int v) {
        boolean dki = d.model() == LovoModelType.DKI;
        int p = dki ? DkiDesignMatrix.N_PARAMS : DtiDesignMatrix.N_PARAMS;
        double[] x = dki ? DkiDesignMatrix.build(d.bvals(), d.bvecs()) : DtiDesignMatrix.build(d.bvals(), d.bvecs());
        int n = d.nVolumes();
        DMatrixRMaj xm = new DMatrixRMaj(n - 1, p);
        DMatrixRMaj ym = new DMatrixRMaj(n - 1, 1);
        double designMin = Double.POSITIVE_INFINITY;
        for (int i = 0, r = 0; i < n; i++) {
            if (i == v) {
                continue;
            }
            for (int c = 0; c < p; c++) {
                xm.set(r, c, x[i * p + c]);
                designMin = Math.min(designMin, x[i * p + c]);
            }
            ym.set(r, 0, Math.log(Math.max(signal[i], 1e-4)));
            r++;
        }
        DMatrixRMaj beta = solvePinv(xm, ym);
        if (d.fit() == FitMethod.WLS) {
            DMatrixRMaj fitted = new DMatrixRMaj(n - 1, 1);
            CommonOps_DDRM.mult(xm, beta, fitted);
            DMatrixRMaj xw = xm.copy();
            DMatrixRMaj yw = ym.copy();
            for (int r = 0; r < n - 1; r++) {
                double wr = Math.exp(fitted.get(r, 0));
                for (int c = 0; c < p; c++) {
                    xw.set(r, c, xw.get(r, c) * wr);
                }
                yw.set(r, 0, yw.get(r, 0) * wr);
            }
            beta = solvePinv(xw, yw);
        }
        double md = 1e-6 / -designMin;
        DMatrixRMaj dm = new DMatrixRMaj(new double[][] {
            {beta.get(0), beta.get(1), beta.get(3)},
            {beta.get(1), beta.get(2), beta.get(4)},
            {beta.get(3), beta.get(4), beta.get(5)}});
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(3, true, true);
        if (!eig.decompose(dm)) {
            throw new IllegalStateException("eigen-decomposition failed");
        }
        double[] t = new double[6];
        for (int k = 0; k < 3; k++) {
            double lambda = Math.max(eig.getEigenvalue(k).getReal(), md);
            DMatrixRMaj e = eig.getEigenVector(k);
            double norm = Math.sqrt(e.get(0) * e.get(0) + e.get(1) * e.get(1) + e.get(2) * e.get(2));
            double ex = e.get(0) / norm, ey = e.get(1) / norm, ez = e.get(2) / norm;
            t[0] += lambda * ex * ex;
            t[1] += lambda * ex * ey;
            t[2] += lambda * ey * ey;
            t[3] += lambda * ex * ez;
            t[4] += lambda * ey * ez;
            t[5] += lambda * ez * ez;
        }
        double la = 0;
        for (int c = 0; c < 6; c++) {
            la += x[v * p + c] * t[c];
        }
        for (int c = 6; c < p - 1; c++) {
            la += x[v * p + c] * beta.get(c);
        }
        double s0 = 0;
        int nb0 = 0;
        for (int i = 0; i < n; i++) {
            if (d.isB0(i)) {
                s0 += signal[i];
                nb0++;
            }
        }
        return s0 / nb0 * Math.exp(la);
    }

    private static DMatrixRMaj solvePinv(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj pinv = new DMatrixRMaj(a.numCols, a.numRows);
        CommonOps_DDRM.pinv(a, pinv);
        DMatrixRMaj out = new DMatrixRMaj(a.numCols, 1);
        CommonOps_DDRM.mult(pinv, b, out);
        return out;
    }
}
