package org.dwimotion.model.loglinear;

import org.dwimotion.model.LovoDesign;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.model.dki.DkiDesignMatrix;
import org.dwimotion.model.dti.DtiDesignMatrix;

/**
 * Per-series linear operators for leave-one-volume-out log-linear fits (DTI, DKI), derived once from a
 * {@link LovoDesign} (milliseconds) and then read-only: each kernel builds its own copy.
 *
 * <p>Notation: X is DIPY's design matrix (N×p, see {@link DtiDesignMatrix}, {@link DkiDesignMatrix});
 * {@code Xs = X·diag(s)} the same with columns scaled to unit norm (so b, b² and 1 columns are comparable:
 * exact in exact arithmetic, better conditioned in floating point); {@code P = (XsᵀXs)⁻¹Xsᵀ} (p×N) the OLS
 * operator; {@code H = Xs·P} the N×N hat matrix, {@code h_v = H_vv}. For OLS without volume v (the
 * hat-matrix identity): with {@code δ_v = (y_v - ŷ_v)/(1 - h_v)}, {@code β₋ᵥ = β - P[:,v]·δ_v} and the fitted
 * log-signal at another volume i is {@code ŷ_i - H_iv·δ_v}.
 *
 * <p>"Model volumes" are the held-out volumes that are diffusion-weighted (b above the threshold), in
 * output order; held-out b=0 volumes are predicted from the other b=0 volumes instead (see the kernel).
 * Per-model-volume arrays are stored parameter-major {@code [c*M + m]} so loops over m vectorise.
 */
public final class LovoOperators {
    /** A LOVO design whose {@code 1 - h_v} is at or below this is rank-deficient. */
    static final double MIN_LEVERAGE_GAP = 1e-10;
    /** Relative pivot threshold for the (unweighted, scaled) normal matrix. */
    static final double SPD_TOL = 1e-13;

    final int n;
    final int p;
    /** Number of packed lower-triangle entries p(p+1)/2. */
    final int q;
    /** Index of the intercept column (last). */
    final int intercept;
    final double[] colScale;
    /** Xs, N×p row-major. */
    final double[] xs;
    /** Xsᵀ, p×N row-major. */
    final double[] xsT;
    /** P, p×N row-major. */
    final double[] pinv;

    /** Number of model volumes M. */
    final int m;
    /** Series index of model volume m. */
    final int[] modelVolume;
    /** Output column of model volume m. */
    final int[] modelColumn;
    /** 1/(1 - h_v), per model volume. */
    final double[] invOneMinusH;
    /** Xs rows of the model volumes, transposed {@code [c*M + m]}. */
    final double[] xsModelT;
    /** Unscaled tensor part of X rows of the model volumes {@code [c*M + m]}, c &lt; 6. */
    final double[] xTensorModelT;
    /** P columns of the model volumes {@code [c*M + m]}. */
    final double[] pinvModelT;
    /** H columns of the model volumes {@code [i*M + m]} = H_{i, v_m}. */
    final double[] hatModelT;
    /** max over i ≠ v_m of |H_{i,v_m}|. */
    final double[] maxAbsHat;
    /** DIPY's min_diffusivity for the fit without v_m: 1e-6 / -min(X without row v_m). */
    final double[] minDiffusivity;
    /** Packed outer products of Xs rows, transposed {@code [t*N + i]} with t = r(r+1)/2 + c, c ≤ r. */
    final double[] packedOuterT;

    /** Series index of each b=0 volume, in series order. */
    final int[] b0Volume;
    /** Output columns holding b=0 volumes, and their series index. */
    final int[] b0Column;
    final int[] b0ColumnVolume;

    private LovoOperators(LovoDesign d) {
        n = d.nVolumes();
        double[] x;
        if (d.model() == LovoModelType.DTI) {
            p = DtiDesignMatrix.N_PARAMS;
            x = DtiDesignMatrix.build(d.bvals(), d.bvecs());
        } else if (d.model() == LovoModelType.DKI) {
            p = DkiDesignMatrix.N_PARAMS;
            x = DkiDesignMatrix.build(d.bvals(), d.bvecs());
        } else {
            throw new IllegalArgumentException("no log-linear operators for model " + d.model());
        }
        q = p * (p + 1) / 2;
        intercept = p - 1;
        String name = d.model().cliName().toUpperCase(java.util.Locale.ROOT);

        colScale = new double[p];
        for (int c = 0; c < p; c++) {
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += x[i * p + c] * x[i * p + c];
            }
            if (!(ss > 0)) {
                throw new IllegalArgumentException(name + " cannot be fitted: design column " + c
                        + " is zero (the b-vectors do not span all directions)");
            }
            colScale[c] = 1 / Math.sqrt(ss);
        }
        xs = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < p; c++) {
                xs[i * p + c] = x[i * p + c] * colScale[c];
            }
        }
        xsT = new double[p * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < p; c++) {
                xsT[c * n + i] = xs[i * p + c];
            }
        }
        double[] gram = new double[p * p];
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < p; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += xs[i * p + r] * xs[i * p + c];
                }
                gram[r * p + c] = s;
            }
        }
        double[] gramInv = DenseSpdOps.invertSpd(gram, p, SPD_TOL);
        if (gramInv == null) {
            throw new IllegalArgumentException(name + " cannot be fitted: the design matrix of the " + n
                    + " volumes is rank-deficient (too few distinct directions or b-values)");
        }
        pinv = new double[p * n];
        for (int c = 0; c < p; c++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += gramInv[c * p + k] * xs[i * p + k];
                }
                pinv[c * n + i] = s;
            }
        }

        b0Volume = d.b0Volumes();
        int nModel = 0, nB0Cols = 0;
        for (int j = 0; j < d.nHeldOut(); j++) {
            if (d.isB0(d.heldOutVolume(j))) {
                nB0Cols++;
            } else {
                nModel++;
            }
        }
        m = nModel;
        modelVolume = new int[m];
        modelColumn = new int[m];
        b0Column = new int[nB0Cols];
        b0ColumnVolume = new int[nB0Cols];
        for (int j = 0, mi = 0, bi = 0; j < d.nHeldOut(); j++) {
            int v = d.heldOutVolume(j);
            if (d.isB0(v)) {
                b0Column[bi] = j;
                b0ColumnVolume[bi++] = v;
            } else {
                modelColumn[mi] = j;
                modelVolume[mi++] = v;
            }
        }

        invOneMinusH = new double[m];
        xsModelT = new double[p * m];
        xTensorModelT = new double[6 * m];
        pinvModelT = new double[p * m];
        hatModelT = new double[n * m];
        maxAbsHat = new double[m];
        minDiffusivity = new double[m];
        double[] rowMin = new double[n];
        for (int i = 0; i < n; i++) {
            double mn = Double.POSITIVE_INFINITY;
            for (int c = 0; c < p; c++) {
                mn = Math.min(mn, x[i * p + c]);
            }
            rowMin[i] = mn;
        }
        for (int mi = 0; mi < m; mi++) {
            int v = modelVolume[mi];
            for (int c = 0; c < p; c++) {
                xsModelT[c * m + mi] = xs[v * p + c];
                pinvModelT[c * m + mi] = pinv[c * n + v];
            }
            for (int c = 0; c < 6; c++) {
                xTensorModelT[c * m + mi] = x[v * p + c];
            }
            double maxH = 0, designMin = Double.POSITIVE_INFINITY, hv = 0;
            for (int i = 0; i < n; i++) {
                double h = 0;
                for (int c = 0; c < p; c++) {
                    h += xs[i * p + c] * pinv[c * n + v];
                }
                hatModelT[i * m + mi] = h;
                if (i == v) {
                    hv = h;
                } else {
                    maxH = Math.max(maxH, Math.abs(h));
                    designMin = Math.min(designMin, rowMin[i]);
                }
            }
            if (!(1 - hv > MIN_LEVERAGE_GAP)) {
                throw new IllegalArgumentException(name + " cannot be fitted without volume " + v + " (b="
                        + d.bval(v) + "): the other volumes do not determine the model (leverage " + hv + ")");
            }
            invOneMinusH[mi] = 1 / (1 - hv);
            maxAbsHat[mi] = maxH;
            minDiffusivity[mi] = 1e-6 / -designMin;
        }

        packedOuterT = new double[q * n];
        for (int r = 0, t = 0; r < p; r++) {
            for (int c = 0; c <= r; c++, t++) {
                for (int i = 0; i < n; i++) {
                    packedOuterT[t * n + i] = xs[i * p + r] * xs[i * p + c];
                }
            }
        }
    }

    /**
     * Builds and validates the operators.
     *
     * @throws IllegalArgumentException when the model cannot be fitted without one of the held-out volumes
     */
    public static LovoOperators of(LovoDesign design) {
        return new LovoOperators(design);
    }

    /** Number of model (diffusion-weighted held-out) volumes. */
    public int nModelVolumes() {
        return m;
    }

    /** Number of parameters p of the log-linear model. */
    public int nParams() {
        return p;
    }
}
