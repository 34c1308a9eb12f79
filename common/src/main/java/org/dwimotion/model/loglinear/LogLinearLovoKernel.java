package org.dwimotion.model.loglinear;

import org.dwimotion.Conventions;
import org.dwimotion.model.FitMethod;
import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoDesign;
import org.dwimotion.model.LovoKernel;
import org.dwimotion.model.LovoKernels;

/**
 * LOVO predictions of DTI or DKI fitted by OLS or WLS on log-signals, with DIPY 1.6.0 semantics: for a held-out
 * diffusion-weighted volume v, the model is fitted on all other volumes (b=0 included) after raising signals to
 * {@link Conventions#MIN_POSITIVE_SIGNAL}; the tensor's eigenvalues are floored at DIPY's min_diffusivity of that
 * fit; the prediction is the attenuation at v times the voxel's mean b=0 signal over <em>all</em> b=0 volumes.
 * A held-out b=0 volume is predicted by the mean of the other b=0 volumes (the observed value when it is the
 * only one).
 *
 * <p>How it avoids N refits per voxel:
 * <ul>
 *   <li>OLS: one fit on all N volumes, then the hat-matrix identity gives every leave-one-out fit exactly
 *       ({@link LovoOperators}): per voxel about one p×N matrix-vector product plus O(p) per held-out volume.</li>
 *   <li>WLS: DIPY's weights for the fit without v are {@code exp(2 x_i·β₋ᵥ)} with the OLS β₋ᵥ, i.e.
 *       {@code exp(2ŷ_i)·exp(-2 H_iv δ_v)}. A "lane" is one (voxel, held-out volume) pair; a tile of voxels
 *       gives a few hundred lanes whose weighted normal matrices are one product (packed outer products
 *       p(p+1)/2 × N) · (weights N × lanes), followed by a lane-wise Cholesky factorisation and solve. The second exponential is
 *       evaluated by a short Taylor polynomial when its argument is within ±0.25 (error below 1e-16 relative),
 *       by {@link Math#exp} otherwise.</li>
 * </ul>
 * Loops over lanes are innermost so they vectorise; every lane does the same scalar operations in the same
 * order whatever the block or chunk, so results are bit-identical for any chunking.
 *
 * <p>Degenerate input: a voxel with a non-finite sample predicts 0 everywhere; a weighted normal matrix that is
 * not numerically positive definite falls back to the OLS LOVO prediction; an overflowing prediction becomes the
 * mean b=0 signal. All are counted in {@link LovoCounts}.
 */
public final class LogLinearLovoKernel implements LovoKernel {
    /** Target number of lanes (voxel × held-out volume pairs) solved together in the WLS stage. */
    public static final int DEFAULT_TARGET_LANES = 384;
    private static final double SMALL_EXP_BOUND = 0.25;
    /** A Cholesky pivot {@code L_jj²} at or below this fraction of the diagonal {@code G_jj} counts as singular. */
    private static final double WLS_PIVOT_TOL = 1e-14;
    private static final double MIN_SIGNAL = Conventions.MIN_POSITIVE_SIGNAL;
    /** 1/k!, k = 0..12: Taylor polynomial of exp on [-0.25, 0.25], truncation error below 3e-18. */
    private static final double[] INV_FACTORIAL = new double[13];

    static {
        double f = 1;
        for (int k = 0; k < INV_FACTORIAL.length; k++) {
            if (k > 0) {
                f *= k;
            }
            INV_FACTORIAL[k] = 1 / f;
        }
    }

    private final LovoDesign design;
    private final LovoOperators op;
    private final boolean wls;
    private final int n;
    private final int p;
    private final int m;
    private final int nOut;
    /** Voxels per tile T, and lane stride S = T·M of the lane arrays. */
    private final int tile;
    private final int stride;

    // per-tile workspace, sized from the design only: voxel t at [t*N + i] or lane ℓ = t*M + mi
    private final double[] y;
    private final double[] s0;
    private final boolean[] finite;
    private final double[] beta;
    private final double[] delta;
    private final double[] logAttOls;
    /** [c*S + ℓ], c &lt; 6. */
    private final double[] tensorOls;
    // WLS only
    private final double[] yhatAll;
    private final double[] weightBase;
    /** H_{i, v(ℓ)} expanded to lanes, [i*S + ℓ]; read-only after construction. */
    private final double[] hatLanes;
    private final double[] weights;
    private final double[] weightedY;
    private final double[] gram;
    private final double[] rhs;
    private final double[] laneTmp;
    private final double[] pivotRatio;
    private final double[] minusTwoDelta;
    private final boolean[] smallArg;
    private final double[] logAttWls;
    private final double[] tensorWls;
    // clipping
    private final double[] clipTensor = new double[6];
    private final double[] clipRow = new double[6];
    private final double[] clipWork = new double[21];

    public LogLinearLovoKernel(LovoDesign design) {
        this(design, DEFAULT_TARGET_LANES);
    }

    /**
     * @param design      a DTI or DKI design
     * @param targetLanes about how many (voxel, held-out volume) pairs the WLS stage solves together (≥ 1);
     *                    results do not depend on it, only speed and workspace size do
     */
    public LogLinearLovoKernel(LovoDesign design, int targetLanes) {
        if (targetLanes < 1) {
            throw new IllegalArgumentException("targetLanes must be ≥ 1, got " + targetLanes);
        }
        this.design = design;
        this.op = LovoOperators.of(design);
        this.wls = design.fit() == FitMethod.WLS;
        this.n = op.n;
        this.p = op.p;
        this.m = op.m;
        this.nOut = design.nHeldOut();
        this.tile = Math.max(1, targetLanes / Math.max(1, m));
        this.stride = tile * m;
        y = new double[tile * n];
        s0 = new double[tile];
        finite = new boolean[tile];
        beta = new double[p];
        delta = new double[stride];
        logAttOls = new double[stride];
        tensorOls = new double[6 * stride];
        int sw = wls ? stride : 0;
        yhatAll = new double[wls ? tile * n : 0];
        weightBase = new double[wls ? tile * n : 0];
        hatLanes = new double[n * sw];
        for (int i = 0; i < n && wls; i++) {
            for (int t = 0; t < tile; t++) {
                System.arraycopy(op.hatModelT, i * m, hatLanes, i * stride + t * m, m);
            }
        }
        weights = new double[n * sw];
        weightedY = new double[n * sw];
        gram = new double[op.q * sw];
        rhs = new double[p * sw];
        laneTmp = new double[sw];
        pivotRatio = new double[sw];
        minusTwoDelta = new double[sw];
        smallArg = new boolean[sw];
        logAttWls = new double[sw];
        tensorWls = new double[6 * sw];
    }

    @Override
    public LovoDesign design() {
        return design;
    }

    @Override
    public void predict(float[] signals, float[] predictions, int nVoxels, LovoCounts counts) {
        LovoKernels.checkChunk(design, signals, predictions, nVoxels);
        counts.countVoxels(nVoxels);
        for (int k0 = 0; k0 < nVoxels; k0 += tile) {
            int nt = Math.min(tile, nVoxels - k0);
            for (int t = 0; t < nt; t++) {
                prepareVoxel(signals, (k0 + t) * n, predictions, (k0 + t) * nOut, t, counts);
            }
            if (m == 0) {
                continue;
            }
            if (wls) {
                wlsTile(nt, predictions, k0, counts);
            } else {
                for (int t = 0; t < nt; t++) {
                    if (finite[t]) {
                        int o = (k0 + t) * nOut;
                        for (int mi = 0; mi < m; mi++) {
                            predictions[o + op.modelColumn[mi]] =
                                    finish(logAttOls, tensorOls, t * m + mi, mi, s0[t], counts);
                        }
                    }
                }
            }
        }
    }

    /** Reads voxel t of the tile, predicts its held-out b=0 volumes, and runs the OLS stage. */
    private void prepareVoxel(float[] signals, int in, float[] out, int o, int t, LovoCounts counts) {
        boolean fin = true;
        boolean floored = false;
        for (int i = 0; i < n; i++) {
            float s = signals[in + i];
            fin &= Float.isFinite(s);
            floored |= s < MIN_SIGNAL;
        }
        finite[t] = fin;
        int yo = t * n;
        if (!fin) {
            for (int j = 0; j < nOut; j++) {
                out[o + j] = 0f;
            }
            counts.countNonFiniteVoxel();
            // keep the lanes of this voxel finite: they are computed with the tile but never used
            java.util.Arrays.fill(y, yo, yo + n, 0);
            s0[t] = 0;
        } else {
            if (floored) {
                counts.countFlooredVoxel();
            }
            int[] b0 = op.b0Volume;
            double sumB0 = 0;
            for (int v : b0) {
                sumB0 += signals[in + v];
            }
            s0[t] = sumB0 / b0.length;
            predictHeldOutB0(signals, in, out, o, counts);
            for (int i = 0; i < n; i++) {
                y[yo + i] = Math.log(Math.max(signals[in + i], MIN_SIGNAL));
            }
        }
        if (m > 0) {
            olsLeaveOneOut(t);
        }
    }

    private void predictHeldOutB0(float[] signals, int in, float[] out, int o, LovoCounts counts) {
        int[] b0 = op.b0Volume;
        for (int c = 0; c < op.b0Column.length; c++) {
            int v = op.b0ColumnVolume[c];
            if (b0.length == 1) {
                out[o + op.b0Column[c]] = signals[in + v];
                counts.countOwnB0Predictions(1);
                continue;
            }
            double s = 0;
            for (int u : b0) {
                if (u != v) {
                    s += signals[in + u];
                }
            }
            out[o + op.b0Column[c]] = (float) (s / (b0.length - 1));
        }
    }

    /**
     * OLS on all volumes (β = P·y, four interleaved partial sums to shorten the dependency chain), then by the
     * hat-matrix identity δ, the LOVO log-attenuation and the LOVO tensor of every model volume.
     */
    private void olsLeaveOneOut(int t) {
        double[] pinv = op.pinv;
        int yo = t * n;
        for (int c = 0; c < p; c++) {
            int r = c * n;
            double s0p = 0, s1 = 0, s2 = 0, s3 = 0;
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                s0p = Math.fma(pinv[r + i], y[yo + i], s0p);
                s1 = Math.fma(pinv[r + i + 1], y[yo + i + 1], s1);
                s2 = Math.fma(pinv[r + i + 2], y[yo + i + 2], s2);
                s3 = Math.fma(pinv[r + i + 3], y[yo + i + 3], s3);
            }
            for (; i < n; i++) {
                s0p = Math.fma(pinv[r + i], y[yo + i], s0p);
            }
            beta[c] = (s0p + s1) + (s2 + s3);
        }
        double[] xsT = op.xsModelT;
        double[] pT = op.pinvModelT;
        int lo = t * m;
        // δ_v = (y_v - ŷ_v) / (1 - h_v), with ŷ_v accumulated in delta[] first
        java.util.Arrays.fill(delta, lo, lo + m, 0);
        for (int c = 0; c < p; c++) {
            double bc = beta[c];
            int r = c * m;
            for (int mi = 0; mi < m; mi++) {
                delta[lo + mi] = Math.fma(xsT[r + mi], bc, delta[lo + mi]);
            }
        }
        for (int mi = 0; mi < m; mi++) {
            delta[lo + mi] = (y[yo + op.modelVolume[mi]] - delta[lo + mi]) * op.invOneMinusH[mi];
        }
        java.util.Arrays.fill(logAttOls, lo, lo + m, 0);
        for (int c = 0; c < op.intercept; c++) {
            double bc = beta[c];
            int r = c * m;
            for (int mi = 0; mi < m; mi++) {
                logAttOls[lo + mi] = Math.fma(xsT[r + mi], bc - pT[r + mi] * delta[lo + mi], logAttOls[lo + mi]);
            }
        }
        for (int c = 0; c < 6; c++) {
            double bc = beta[c];
            double sc = op.colScale[c];
            int r = c * m;
            int to = c * stride + lo;
            for (int mi = 0; mi < m; mi++) {
                tensorOls[to + mi] = sc * (bc - pT[r + mi] * delta[lo + mi]);
            }
        }
        if (wls) {
            double[] xs = op.xs;
            double maxYhat = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < p; c++) {
                    s = Math.fma(xs[i * p + c], beta[c], s);
                }
                yhatAll[yo + i] = s;
                maxYhat = Math.max(maxYhat, s);
            }
            // Weights matter up to a common factor; shifting by the largest keeps them in range.
            for (int i = 0; i < n; i++) {
                yhatAll[yo + i] = 2 * (yhatAll[yo + i] - maxYhat);
                weightBase[yo + i] = Math.exp(yhatAll[yo + i]);
            }
        }
    }

    /** WLS LOVO fits of all lanes ℓ = t*M + mi of the tile's nt voxels. */
    private void wlsTile(int nt, float[] predictions, int k0, LovoCounts counts) {
        int nl = nt * m;
        int sS = stride;
        double[] h = hatLanes;
        double[] w = weights;
        double[] wy = weightedY;
        double[] cf = INV_FACTORIAL;
        for (int l = 0; l < nl; l++) {
            int mi = l % m;
            double d = delta[l];
            minusTwoDelta[l] = -2 * d;
            smallArg[l] = 2 * Math.abs(d) * op.maxAbsHat[mi] <= SMALL_EXP_BOUND;
        }
        // exp(-2 H_iv δ_v) by its Taylor polynomial (lanes whose argument can exceed the bound are redone below)
        for (int i = 0; i < n; i++) {
            int io = i * sS;
            for (int l = 0; l < nl; l++) {
                double u = h[io + l] * minusTwoDelta[l];
                double poly = cf[12];
                poly = Math.fma(poly, u, cf[11]);
                poly = Math.fma(poly, u, cf[10]);
                poly = Math.fma(poly, u, cf[9]);
                poly = Math.fma(poly, u, cf[8]);
                poly = Math.fma(poly, u, cf[7]);
                poly = Math.fma(poly, u, cf[6]);
                poly = Math.fma(poly, u, cf[5]);
                poly = Math.fma(poly, u, cf[4]);
                poly = Math.fma(poly, u, cf[3]);
                poly = Math.fma(poly, u, cf[2]);
                poly = Math.fma(poly, u, cf[1]);
                w[io + l] = Math.fma(poly, u, cf[0]);
            }
        }
        for (int t = 0; t < nt; t++) {
            int yo = t * n;
            int lo = t * m;
            for (int i = 0; i < n; i++) {
                double a = weightBase[yo + i];
                double yi = y[yo + i];
                int io = i * sS + lo;
                for (int mi = 0; mi < m; mi++) {
                    double e = w[io + mi] * a;
                    w[io + mi] = e;
                    wy[io + mi] = e * yi;
                }
            }
            for (int mi = 0; mi < m; mi++) {
                int l = lo + mi;
                if (!smallArg[l]) {
                    for (int i = 0; i < n; i++) {
                        double e = Math.exp(yhatAll[yo + i] + h[i * sS + l] * minusTwoDelta[l]);
                        w[i * sS + l] = e;
                        wy[i * sS + l] = e * y[yo + i];
                    }
                }
                int vo = op.modelVolume[mi] * sS + l;
                w[vo] = 0;
                wy[vo] = 0;
            }
        }
        lanesProduct(op.packedOuterT, op.q, w, nl, gram);
        lanesProduct(op.xsT, p, wy, nl, rhs);
        choleskySolveLanes(nl);
        java.util.Arrays.fill(logAttWls, 0, nl, 0);
        for (int c = 0; c < op.intercept; c++) {
            for (int t = 0; t < nt; t++) {
                int r = c * m;
                int rl = c * sS + t * m;
                int lo = t * m;
                for (int mi = 0; mi < m; mi++) {
                    logAttWls[lo + mi] = Math.fma(op.xsModelT[r + mi], rhs[rl + mi], logAttWls[lo + mi]);
                }
            }
        }
        for (int c = 0; c < 6; c++) {
            double sc = op.colScale[c];
            int rl = c * sS;
            for (int l = 0; l < nl; l++) {
                tensorWls[rl + l] = sc * rhs[rl + l];
            }
        }
        int fallbacks = 0;
        for (int t = 0; t < nt; t++) {
            if (!finite[t]) {
                continue;
            }
            int o = (k0 + t) * nOut;
            for (int mi = 0; mi < m; mi++) {
                int l = t * m + mi;
                float pred;
                if (pivotRatio[l] > WLS_PIVOT_TOL && Double.isFinite(logAttWls[l])) {
                    pred = finish(logAttWls, tensorWls, l, mi, s0[t], counts);
                } else {
                    fallbacks++;
                    pred = finish(logAttOls, tensorOls, l, mi, s0[t], counts);
                }
                predictions[o + op.modelColumn[mi]] = pred;
            }
        }
        counts.countWlsFallbacks(fallbacks);
    }

    /**
     * out[r*S + ℓ] = Σ_i aT[r*N + i] · w[i*S + ℓ] for ℓ &lt; nl, summed in order of i in every lane (rows are
     * taken four at a time to reuse each load of w; the grouping depends on r only).
     *
     * @param aT   rows × N, row-major. Not modified.
     * @param rows number of rows
     * @param w    N × S lane values. Not modified.
     * @param nl   lanes in use
     * @param out  rows × S. Modified.
     */
    private void lanesProduct(double[] aT, int rows, double[] w, int nl, double[] out) {
        int sS = stride;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int o0 = r * sS, o1 = o0 + sS, o2 = o1 + sS, o3 = o2 + sS;
            java.util.Arrays.fill(out, o0, o0 + nl, 0);
            java.util.Arrays.fill(out, o1, o1 + nl, 0);
            java.util.Arrays.fill(out, o2, o2 + nl, 0);
            java.util.Arrays.fill(out, o3, o3 + nl, 0);
            for (int i = 0; i < n; i++) {
                double x0 = aT[r * n + i], x1 = aT[(r + 1) * n + i], x2 = aT[(r + 2) * n + i], x3 = aT[(r + 3) * n + i];
                if (x0 == 0 && x1 == 0 && x2 == 0 && x3 == 0) {
                    continue; // b=0 rows of the tensor and kurtosis columns
                }
                int wo = i * sS;
                for (int l = 0; l < nl; l++) {
                    double wv = w[wo + l];
                    out[o0 + l] = Math.fma(x0, wv, out[o0 + l]);
                    out[o1 + l] = Math.fma(x1, wv, out[o1 + l]);
                    out[o2 + l] = Math.fma(x2, wv, out[o2 + l]);
                    out[o3 + l] = Math.fma(x3, wv, out[o3 + l]);
                }
            }
        }
        for (; r < rows; r++) {
            int o0 = r * sS;
            java.util.Arrays.fill(out, o0, o0 + nl, 0);
            for (int i = 0; i < n; i++) {
                double x0 = aT[r * n + i];
                if (x0 == 0) {
                    continue;
                }
                int wo = i * sS;
                for (int l = 0; l < nl; l++) {
                    out[o0 + l] = Math.fma(x0, w[wo + l], out[o0 + l]);
                }
            }
        }
    }

    /**
     * Lane-wise Cholesky of the packed lower triangles in {@link #gram} (overwritten by L) and solve with
     * {@link #rhs} (overwritten by the solution). pivotRatio[ℓ] = min_j L_jj² / G_jj (NaN when broken).
     */
    private void choleskySolveLanes(int nl) {
        int b = stride;
        double[] g = gram;
        double[] t = laneTmp;
        java.util.Arrays.fill(pivotRatio, 0, nl, Double.POSITIVE_INFINITY);
        for (int j = 0; j < p; j++) {
            int jRow = j * (j + 1) / 2;
            int jj = (jRow + j) * b;
            System.arraycopy(g, jj, t, 0, nl);
            for (int k = 0; k < j; k++) {
                int jk = (jRow + k) * b;
                for (int l = 0; l < nl; l++) {
                    t[l] = Math.fma(-g[jk + l], g[jk + l], t[l]);
                }
            }
            for (int l = 0; l < nl; l++) {
                pivotRatio[l] = Math.min(pivotRatio[l], t[l] / g[jj + l]);
                double d = Math.sqrt(t[l]);
                g[jj + l] = d;
                t[l] = 1 / d;
            }
            for (int r = j + 1; r < p; r++) {
                int rRow = r * (r + 1) / 2;
                int rj = (rRow + j) * b;
                for (int k = 0; k < j; k++) {
                    int rk = (rRow + k) * b;
                    int jk = (jRow + k) * b;
                    for (int l = 0; l < nl; l++) {
                        g[rj + l] = Math.fma(-g[rk + l], g[jk + l], g[rj + l]);
                    }
                }
                for (int l = 0; l < nl; l++) {
                    g[rj + l] *= t[l];
                }
            }
        }
        double[] z = rhs;
        for (int r = 0; r < p; r++) {
            int rRow = r * (r + 1) / 2;
            for (int k = 0; k < r; k++) {
                int rk = (rRow + k) * b;
                for (int l = 0; l < nl; l++) {
                    z[r * b + l] = Math.fma(-g[rk + l], z[k * b + l], z[r * b + l]);
                }
            }
            int rr = (rRow + r) * b;
            for (int l = 0; l < nl; l++) {
                z[r * b + l] /= g[rr + l];
            }
        }
        for (int r = p - 1; r >= 0; r--) {
            for (int k = r + 1; k < p; k++) {
                int kr = (k * (k + 1) / 2 + r) * b;
                for (int l = 0; l < nl; l++) {
                    z[r * b + l] = Math.fma(-g[kr + l], z[k * b + l], z[r * b + l]);
                }
            }
            int rr = (r * (r + 1) / 2 + r) * b;
            for (int l = 0; l < nl; l++) {
                z[r * b + l] /= g[rr + l];
            }
        }
    }

    /**
     * Applies DIPY's eigenvalue floor when needed and scales by S0.
     *
     * @param logAtt log-attenuations per lane, from the unclipped fit. Not modified.
     * @param tensor tensors {@code [c*S + ℓ]}, mm²/s. Not modified.
     * @param l      lane
     * @param mi     model-volume index (design row and min_diffusivity)
     */
    private float finish(double[] logAtt, double[] tensor, int l, int mi, double voxelS0, LovoCounts counts) {
        int sS = stride;
        double dxx = tensor[l], dxy = tensor[sS + l], dyy = tensor[2 * sS + l];
        double dxz = tensor[3 * sS + l], dyz = tensor[4 * sS + l], dzz = tensor[5 * sS + l];
        double md = op.minDiffusivity[mi];
        double la = logAtt[l];
        if (TensorClipOps.needsClipping(dxx, dxy, dyy, dxz, dyz, dzz, md)) {
            clipTensor[0] = dxx;
            clipTensor[1] = dxy;
            clipTensor[2] = dyy;
            clipTensor[3] = dxz;
            clipTensor[4] = dyz;
            clipTensor[5] = dzz;
            for (int c = 0; c < 6; c++) {
                clipRow[c] = op.xTensorModelT[c * m + mi];
            }
            double corr = TensorClipOps.logAttenuationCorrection(clipTensor, md, clipRow, clipWork);
            if (corr != 0) {
                counts.countClipped(1);
            }
            la += corr;
        }
        double pred = voxelS0 * Math.exp(la);
        if (!Double.isFinite(pred)) {
            counts.countNonFinitePrediction();
            pred = voxelS0;
        }
        return (float) pred;
    }
}
