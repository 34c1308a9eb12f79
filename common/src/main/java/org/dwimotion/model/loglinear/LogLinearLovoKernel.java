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
 *       ({@link LovoOperators}): per voxel N logarithms ({@link LogOps}, vectorised), one p×N matrix-vector product, one exponential, and O(p)
 *       vectorised operations per held-out volume (the LOVO attenuation is {@code s_v·exp(-x_int·β_int)·
 *       exp(-κ_v δ_v)} with a small argument in the last factor, see {@code olsAttenuation}).</li>
 *   <li>WLS: DIPY's weights for the fit without v are {@code exp(2 x_i·β₋ᵥ)} with the OLS β₋ᵥ, i.e.
 *       {@code exp(2ŷ_i)·exp(-2 H_iv δ_v)}. A "lane" is one (voxel, held-out volume) pair; a tile of voxels
 *       gives a few hundred lanes whose weighted normal matrices are one product (packed outer products
 *       p(p+1)/2 × N) · (weights N × lanes), followed by a lane-wise Cholesky factorisation and
 *       solve. The second exponential is evaluated by a short Taylor polynomial when its argument is within
 *       ±0.25 (error below 1e-16 relative), by {@link Math#exp} otherwise.</li>
 * </ul>
 * Loops over lanes are innermost so they vectorise; every lane does the same scalar operations in the same
 * order whatever the block or chunk, so results are bit-identical for any chunking.
 *
 * <p>Units: b in s/mm², tensors in mm²/s, signals and predictions in the input's units; log-signals are natural
 * logarithms. Lane arrays are indexed {@code ℓ = t*M + mi} (voxel t of the tile, model volume mi).
 *
 * <p>Degenerate input: a voxel with a non-finite sample predicts 0 everywhere; a weighted normal matrix that is
 * not numerically positive definite falls back to the OLS LOVO prediction; an overflowing prediction becomes the
 * mean b=0 signal. All are counted in {@link LovoCounts}.
 */
public final class LogLinearLovoKernel implements LovoKernel {
    /** Target number of lanes (voxel × held-out volume pairs) processed together. */
    public static final int DEFAULT_TARGET_LANES = 384;
    private static final double SMALL_EXP_BOUND = 0.25;
    /** A Cholesky pivot {@code L_jj²} at or below this fraction of the diagonal {@code G_jj} counts as singular. */
    private static final double WLS_PIVOT_TOL = 1e-14;
    private static final double MIN_SIGNAL = Conventions.MIN_POSITIVE_SIGNAL;
    /** Hot lane loops by {@link VectorLaneOps} when jdk.incubator.vector is present (bit-identical either way). */
    private static final boolean VECTOR_LANES = LogOps.VECTOR_API;
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
    /** Voxels per tile T; lanes ℓ = t*M + mi, S = T*M of them. */
    private final int tile;
    private final int lanes;

    // Design constants expanded to lanes (read-only after construction). Lane arrays are indexed by ℓ alone:
    // HotSpot C2 (JDK 17) only vectorises loops whose arrays share one index expression.
    private final double[][] xsLanes;
    private final double[][] pinvLanes;
    private final double[] invOneMinusHLanes;
    private final double[] maxAbsHatLanes;
    private final double[] minDiffusivityLanes;
    /** κ_v = 1 - x_{v,int}·P_{int,v} (scaled design), per lane. */
    private final double[] kappaLanes;
    private final double[][] hatLanes;
    private final LaneProductOps gramProduct;
    private final LaneProductOps rhsProduct;

    // per-tile workspace, sized from the design only
    private final double[] tileSignals;
    private final double[] tileOut;
    private final double[] y;
    private final double[] s0;
    private final boolean[] finite;
    private final double[] beta;
    private final double[][] betaLanes;
    private final double[] delta;
    /** The held-out sample raised to MIN_SIGNAL, per lane; and β_int of the full OLS fit, per voxel (scaled). */
    private final double[] observedLanes;
    private final double[] olsIntercept;
    private final double[] floorCorrection;
    private final double[] logAttOls;
    private final double[][] tensorOls;
    private final double[] yhatAll;
    private final double[] weightBase;
    private final double[][] weights;
    private final double[][] weightedY;
    private final double[][] gram;
    private final double[][] rhs;
    private final double[] laneTmp;
    private final double[] pivotRatio;
    private final double[] minusTwoDelta;
    private final double[] logAttWls;
    private final double[][] tensorWls;
    // eigenvalue floor: smallest leading minor of D - md·I per lane; floorMinor2 is scratch for olsAttenuation
    private final double[] floorMinor1;
    private final double[] floorMinor2;
    private final double[] clipTensor = new double[6];
    private final double[] clipRow = new double[6];
    private final double[] clipWork = new double[21];

    public LogLinearLovoKernel(LovoDesign design) {
        this(design, DEFAULT_TARGET_LANES);
    }

    /**
     * @param design      a DTI or DKI design
     * @param targetLanes about how many (voxel, held-out volume) pairs are processed together (≥ 1);
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
        this.lanes = tile * m;
        int s = lanes;
        int sw = wls ? s : 0;
        xsLanes = expand(op.xsModelT, p, s);
        pinvLanes = expand(op.pinvModelT, p, s);
        invOneMinusHLanes = expand(op.invOneMinusH, 1, s)[0];
        maxAbsHatLanes = expand(op.maxAbsHat, 1, s)[0];
        minDiffusivityLanes = expand(op.minDiffusivity, 1, s)[0];
        kappaLanes = new double[s];
        for (int l = 0; l < s; l++) {
            kappaLanes[l] = 1 - xsLanes[op.intercept][l] * pinvLanes[op.intercept][l];
        }
        hatLanes = wls ? expand(op.hatModelT, n, s) : new double[0][];
        gramProduct = wls ? new LaneProductOps(op.packedOuterT, op.q, n) : null;
        rhsProduct = wls ? new LaneProductOps(op.xsT, p, n) : null;

        tileSignals = new double[tile * n];
        tileOut = new double[tile * nOut];
        y = new double[tile * n];
        s0 = new double[tile];
        finite = new boolean[tile];
        beta = new double[p];
        betaLanes = new double[p][s];
        delta = new double[s];
        observedLanes = new double[s];
        olsIntercept = new double[tile];
        floorCorrection = new double[s];
        logAttOls = new double[s];
        tensorOls = new double[6][s];
        yhatAll = new double[wls ? tile * n : 0];
        weightBase = new double[wls ? tile * n : 0];
        weights = new double[wls ? n : 0][sw];
        weightedY = new double[wls ? n : 0][sw];
        gram = new double[wls ? op.q : 0][sw];
        rhs = new double[wls ? p : 0][sw];
        laneTmp = new double[s];
        floorMinor1 = new double[s];
        floorMinor2 = new double[s];
        pivotRatio = new double[sw];
        minusTwoDelta = new double[sw];
        logAttWls = new double[sw];
        tensorWls = new double[wls ? 6 : 0][sw];
    }

    /** Repeats each row {@code src[r*M .. r*M+M)} T times: row r of the result, length S = T*M. */
    private double[][] expand(double[] src, int rows, int s) {
        double[][] out = new double[rows][s];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < tile; t++) {
                System.arraycopy(src, r * m, out[r], t * m, m);
            }
        }
        return out;
    }

    @Override
    public LovoDesign design() {
        return design;
    }

    @Override
    public void predict(float[] signals, float[] predictions, int nVoxels, LovoCounts counts) {
        LovoKernels.checkChunk(design, signals.length, predictions.length, nVoxels, signals == predictions);
        counts.countVoxels(nVoxels);
        for (int k0 = 0; k0 < nVoxels; k0 += tile) {
            int nt = Math.min(tile, nVoxels - k0);
            for (int i = 0; i < nt * n; i++) {
                tileSignals[i] = signals[k0 * n + i];
            }
            predictTile(nt, counts);
            for (int i = 0; i < nt * nOut; i++) {
                predictions[k0 * nOut + i] = (float) tileOut[i];
            }
        }
    }

    @Override
    public void predict(double[] signals, double[] predictions, int nVoxels, LovoCounts counts) {
        LovoKernels.checkChunk(design, signals.length, predictions.length, nVoxels, signals == predictions);
        counts.countVoxels(nVoxels);
        for (int k0 = 0; k0 < nVoxels; k0 += tile) {
            int nt = Math.min(tile, nVoxels - k0);
            System.arraycopy(signals, k0 * n, tileSignals, 0, nt * n);
            predictTile(nt, counts);
            System.arraycopy(tileOut, 0, predictions, k0 * nOut, nt * nOut);
        }
    }

    /** Predicts the nt voxels in {@link #tileSignals} into {@link #tileOut}. */
    private void predictTile(int nt, LovoCounts counts) {
        for (int t = 0; t < nt; t++) {
            prepareVoxel(t * n, t * nOut, t, counts);
        }
        if (m == 0) {
            return;
        }
        LogOps.logInPlace(y, 0, nt * n); // all of the tile's logarithms in one (vectorised) pass
        for (int t = 0; t < nt; t++) {
            fitVoxel(t * n, t);
        }
        int nl = nt * m;
        olsLeaveOneOut(nt, nl);
        if (wls) {
            wlsLeaveOneOut(nt, nl);
        }
        double[] la = logAttOls;
        double[][] ten = tensorOls;
        if (wls) {
            int fallbacks = 0;
            for (int t = 0; t < nt; t++) {
                for (int l = t * m; l < t * m + m; l++) {
                    if (!(pivotRatio[l] > WLS_PIVOT_TOL && Double.isFinite(logAttWls[l]))) {
                        fallbacks += finite[t] ? 1 : 0;
                        logAttWls[l] = logAttOls[l];
                        for (int c = 0; c < 6; c++) {
                            tensorWls[c][l] = tensorOls[c][l];
                        }
                    }
                }
            }
            counts.countWlsFallbacks(fallbacks);
            la = logAttWls;
            ten = tensorWls;
        }
        java.util.Arrays.fill(floorCorrection, 0, nl, 0);
        applyEigenvalueFloor(ten, nl, counts);
        for (int t = 0; t < nt; t++) {
            java.util.Arrays.fill(laneTmp, t * m, t * m + m, s0[t]);
        }
        if (wls) {
            for (int l = 0; l < nl; l++) {
                laneTmp[l] *= Math.exp(la[l] + floorCorrection[l]);
            }
        } else {
            olsAttenuation(nt, nl);
        }
        for (int t = 0; t < nt; t++) {
            if (!finite[t]) {
                continue;
            }
            int o = t * nOut;
            for (int mi = 0; mi < m; mi++) {
                double pred = laneTmp[t * m + mi];
                if (!Double.isFinite(pred)) {
                    counts.countNonFinitePrediction();
                    pred = s0[t];
                }
                tileOut[o + op.modelColumn[mi]] = pred;
            }
        }
    }

    /**
     * OLS LOVO attenuation without one exponential per lane. With the hat-matrix identity the LOVO fit's
     * log-signal at v is {@code y_v - δ_v}, so its log-attenuation (intercept removed) is
     * {@code y_v - x_int·β_int - κ_v·δ_v} with {@code κ_v = 1 - x_{v,int}·P_{int,v}}. Hence
     * {@code S0·exp(la) = S0 · s_v · exp(-x_int·β_int) · exp(-κ_v δ_v)}: one exponential per voxel, and the
     * last factor, whose argument is small (a residual), by a Taylor polynomial on u/16 squared four times
     * (relative error ~1e-15 for |u| ≤ 4; larger arguments use {@link Math#exp}). laneTmp holds S0 on entry and the
     * prediction on exit.
     */
    private void olsAttenuation(int nt, int nl) {
        double[] u = floorMinor1; // free after the floor test
        double[] kappa = kappaLanes;
        for (int l = 0; l < nl; l++) {
            u[l] = -kappa[l] * delta[l] * 0.0625;
        }
        double[] cf = INV_FACTORIAL;
        final double c0 = cf[0], c1 = cf[1], c2 = cf[2], c3 = cf[3], c4 = cf[4], c5 = cf[5], c6 = cf[6];
        final double c7 = cf[7], c8 = cf[8], c9 = cf[9], c10 = cf[10], c11 = cf[11], c12 = cf[12];
        double[] out = laneTmp;
        double[] sv = observedLanes;
        double[] fac = floorMinor2;
        for (int l = 0; l < nl; l++) {
            double z = u[l];
            double e = Math.fma(c12, z, c11);
            e = Math.fma(e, z, c10);
            e = Math.fma(e, z, c9);
            e = Math.fma(e, z, c8);
            e = Math.fma(e, z, c7);
            e = Math.fma(e, z, c6);
            e = Math.fma(e, z, c5);
            e = Math.fma(e, z, c4);
            e = Math.fma(e, z, c3);
            e = Math.fma(e, z, c2);
            e = Math.fma(e, z, c1);
            e = Math.fma(e, z, c0);
            e *= e;
            e *= e;
            e *= e;
            e *= e;
            fac[l] = sv[l] * e;
        }
        for (int l = 0; l < nl; l++) {
            if (!(Math.abs(u[l]) <= SMALL_EXP_BOUND)) {
                fac[l] = sv[l] * Math.exp(16 * u[l]);
            }
        }
        for (int l = 0; l < nl; l++) {
            out[l] *= fac[l];
        }
        for (int t = 0; t < nt; t++) {
            double scale = Math.exp(-op.xsT[op.intercept * n] * olsIntercept[t]); // 1 / S0 of the full fit
            for (int l = t * m; l < t * m + m; l++) {
                out[l] *= scale;
            }
        }
        for (int l = 0; l < nl; l++) {
            if (floorCorrection[l] != 0) {
                out[l] *= Math.exp(floorCorrection[l]);
            }
        }
    }

    /**
     * DIPY's eigenvalue floor: a lane-wise Sylvester test on D - md·I finds the (rare) lanes with an eigenvalue at or
     * below min_diffusivity; only those get the eigen-decomposition and the log-attenuation correction.
     *
     * The corrections to the log-attenuation go to {@link #floorCorrection} (which the caller zeroes).
     *
     * @param ten tensors {@code [c][ℓ]} (mm²/s). Not modified.
     */
    private void applyEigenvalueFloor(double[][] ten, int nl, LovoCounts counts) {
        double[] dxx = ten[0], dxy = ten[1], dyy = ten[2], dxz = ten[3], dyz = ten[4], dzz = ten[5];
        double[] md = minDiffusivityLanes;
        double[] minMinor = floorMinor1;
        int l0 = VECTOR_LANES ? VectorLaneOps.smallestMinors(ten, md, minMinor, nl) : 0;
        for (int l = l0; l < nl; l++) {
            double a = dxx[l] - md[l], b = dyy[l] - md[l], c = dzz[l] - md[l];
            double xy = dxy[l], xz = dxz[l], yz = dyz[l];
            double m3 = a * (b * c - yz * yz) - xy * (xy * c - yz * xz) + xz * (xy * yz - b * xz);
            // > 0 iff all three minors are (Math.min keeps a NaN): one array to scan below
            minMinor[l] = Math.min(a, Math.min(a * b - xy * xy, m3));
        }
        long clipped = 0;
        for (int l = 0; l < nl; l++) {
            if (!(minMinor[l] > 0) && finite[l / m]) {
                int mi = l % m;
                clipTensor[0] = dxx[l];
                clipTensor[1] = dxy[l];
                clipTensor[2] = dyy[l];
                clipTensor[3] = dxz[l];
                clipTensor[4] = dyz[l];
                clipTensor[5] = dzz[l];
                for (int c = 0; c < 6; c++) {
                    clipRow[c] = op.xTensorModelT[c * m + mi];
                }
                double corr = TensorClipOps.logAttenuationCorrection(clipTensor, md[l], clipRow, clipWork);
                if (corr != 0) {
                    clipped++;
                }
                floorCorrection[l] = corr;
            }
        }
        counts.countClipped(clipped);
    }

    /**
     * Reads voxel t of the tile, predicts its held-out b=0 volumes and puts its signals raised to MIN_SIGNAL in
     * {@link #y} (1 for a voxel with a non-finite sample, so that its log-signals are 0); the caller takes the logs.
     */
    private void prepareVoxel(int in, int o, int t, LovoCounts counts) {
        double[] signals = tileSignals;
        double[] out = tileOut;
        boolean fin = true;
        boolean floored = false;
        for (int i = 0; i < n; i++) {
            double s = signals[in + i];
            fin &= Double.isFinite(s);
            floored |= s < MIN_SIGNAL;
        }
        finite[t] = fin;
        int yo = t * n;
        if (!fin) {
            for (int j = 0; j < nOut; j++) {
                out[o + j] = 0;
            }
            counts.countNonFiniteVoxel();
            // keep this voxel's lanes finite: they are computed with the tile but never used
            java.util.Arrays.fill(y, yo, yo + n, 1);
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
                y[yo + i] = Math.max(signals[in + i], MIN_SIGNAL);
            }
        }
    }

    /** Fits OLS on all volumes of voxel t (β, ŷ) from its log-signals in {@link #y}. */
    private void fitVoxel(int in, int t) {
        double[] signals = tileSignals;
        boolean fin = finite[t];
        int yo = t * n;
        // β = P·y, a fixed summation order whatever the CPU (RowDotOps)
        RowDotOps.multiply(op.pinv, p, n, y, yo, beta);
        olsIntercept[t] = beta[op.intercept];
        for (int c = 0; c < p; c++) {
            java.util.Arrays.fill(betaLanes[c], t * m, t * m + m, beta[c]);
        }
        for (int mi = 0; mi < m; mi++) {
            delta[t * m + mi] = y[yo + op.modelVolume[mi]]; // observed log-signal, turned into δ later
            observedLanes[t * m + mi] = fin ? Math.max(signals[in + op.modelVolume[mi]], MIN_SIGNAL) : 0;
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

    private void predictHeldOutB0(double[] signals, int in, double[] out, int o, LovoCounts counts) {
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
            out[o + op.b0Column[c]] = s / (b0.length - 1);
        }
    }

    /**
     * Hat-matrix identity, lane-wise: δ = (y_v - x_v·β)/(1 - h_v), β₋ᵥ = β - P[:,v]·δ, the LOVO log-attenuation
     * (intercept excluded) and the LOVO tensor.
     */
    private void olsLeaveOneOut(int nt, int nl) {
        // lanes [0, l0) by the Vector API (same operations, same order), the rest by the loops below
        int l0 = VECTOR_LANES ? VectorLaneOps.olsLeaveOneOut(xsLanes, betaLanes, pinvLanes, invOneMinusHLanes,
                op.colScale, delta, tensorOls, p, nl) : 0;
        double[] yhat = logAttOls; // holds ŷ_v until the log-attenuation replaces it
        java.util.Arrays.fill(yhat, l0, nl, 0);
        for (int c = 0; c < p; c++) {
            double[] xc = xsLanes[c];
            double[] bc = betaLanes[c];
            for (int l = l0; l < nl; l++) {
                yhat[l] = Math.fma(xc[l], bc[l], yhat[l]);
            }
        }
        double[] inv = invOneMinusHLanes;
        for (int l = l0; l < nl; l++) {
            delta[l] = (delta[l] - yhat[l]) * inv[l];
        }
        double[] la = logAttOls;
        // the log-attenuation itself is needed only as the WLS fallback (OLS predictions use olsAttenuation)
        java.util.Arrays.fill(la, 0, nl, 0);
        for (int c = 0; c < op.intercept && wls; c++) {
            double[] xc = xsLanes[c];
            double[] bc = betaLanes[c];
            double[] pc = pinvLanes[c];
            for (int l = 0; l < nl; l++) {
                la[l] = Math.fma(xc[l], bc[l] - pc[l] * delta[l], la[l]);
            }
        }
        for (int c = 0; c < 6; c++) {
            double sc = op.colScale[c];
            double[] bc = betaLanes[c];
            double[] pc = pinvLanes[c];
            double[] tc = tensorOls[c];
            for (int l = l0; l < nl; l++) {
                tc[l] = sc * (bc[l] - pc[l] * delta[l]);
            }
        }
    }

    /** WLS LOVO fits of all lanes of the tile. */
    private void wlsLeaveOneOut(int nt, int nl) {
        double[][] w = weights;
        double[][] wy = weightedY;
        double[] cf = INV_FACTORIAL;
        double[] m2d = minusTwoDelta;
        for (int l = 0; l < nl; l++) {
            m2d[l] = -2 * delta[l];
        }
        // exp(-2 H_iv δ_v) by its Taylor polynomial; lanes whose argument can exceed the bound are redone below.
        // Coefficients live in locals: loads from an array inside the loop would block vectorisation.
        final double c0 = cf[0], c1 = cf[1], c2 = cf[2], c3 = cf[3], c4 = cf[4], c5 = cf[5], c6 = cf[6];
        final double c7 = cf[7], c8 = cf[8], c9 = cf[9], c10 = cf[10], c11 = cf[11], c12 = cf[12];
        for (int i = 0; i < n; i++) {
            double[] hi = hatLanes[i];
            double[] wi = w[i];
            for (int l = 0; l < nl; l++) {
                double u = hi[l] * m2d[l];
                double poly = Math.fma(c12, u, c11);
                poly = Math.fma(poly, u, c10);
                poly = Math.fma(poly, u, c9);
                poly = Math.fma(poly, u, c8);
                poly = Math.fma(poly, u, c7);
                poly = Math.fma(poly, u, c6);
                poly = Math.fma(poly, u, c5);
                poly = Math.fma(poly, u, c4);
                poly = Math.fma(poly, u, c3);
                poly = Math.fma(poly, u, c2);
                poly = Math.fma(poly, u, c1);
                wi[l] = Math.fma(poly, u, c0);
            }
        }
        for (int t = 0; t < nt; t++) {
            int yo = t * n;
            int lo = t * m;
            for (int i = 0; i < n; i++) {
                double a = weightBase[yo + i];
                double yi = y[yo + i];
                double[] wi = w[i];
                double[] wyi = wy[i];
                for (int l = lo; l < lo + m; l++) {
                    double e = wi[l] * a;
                    wi[l] = e;
                    wyi[l] = e * yi;
                }
            }
            for (int mi = 0; mi < m; mi++) {
                int l = lo + mi;
                if (!(2 * Math.abs(delta[l]) * maxAbsHatLanes[l] <= SMALL_EXP_BOUND)) {
                    for (int i = 0; i < n; i++) {
                        double e = Math.exp(yhatAll[yo + i] + hatLanes[i][l] * m2d[l]);
                        w[i][l] = e;
                        wy[i][l] = e * y[yo + i];
                    }
                }
                int v = op.modelVolume[mi];
                w[v][l] = 0;
                wy[v][l] = 0;
            }
        }
        gramProduct.multiply(w, nl, gram);
        rhsProduct.multiply(wy, nl, rhs);
        choleskySolveLanes(nl);
        double[] la = logAttWls;
        java.util.Arrays.fill(la, 0, nl, 0);
        for (int c = 0; c < op.intercept; c++) {
            double[] xc = xsLanes[c];
            double[] bc = rhs[c];
            for (int l = 0; l < nl; l++) {
                la[l] = Math.fma(xc[l], bc[l], la[l]);
            }
        }
        for (int c = 0; c < 6; c++) {
            double sc = op.colScale[c];
            double[] bc = rhs[c];
            double[] tc = tensorWls[c];
            for (int l = 0; l < nl; l++) {
                tc[l] = sc * bc[l];
            }
        }
    }

    /**
     * Lane-wise Cholesky of the packed lower triangles in {@link #gram} (row t = r(r+1)/2 + c, overwritten by L)
     * and solve with {@link #rhs} (overwritten by the solution). pivotRatio[ℓ] = min_j L_jj² / G_jj (NaN when
     * broken).
     */
    private void choleskySolveLanes(int nl) {
        double[][] g = gram;
        double[] t = laneTmp;
        double[] piv = pivotRatio;
        java.util.Arrays.fill(piv, 0, nl, Double.POSITIVE_INFINITY);
        for (int j = 0; j < p; j++) {
            int jRow = j * (j + 1) / 2;
            double[] gjj = g[jRow + j];
            System.arraycopy(gjj, 0, t, 0, nl);
            for (int k = 0; k < j; k++) {
                double[] gjk = g[jRow + k];
                for (int l = 0; l < nl; l++) {
                    t[l] = Math.fma(-gjk[l], gjk[l], t[l]);
                }
            }
            for (int l = 0; l < nl; l++) {
                piv[l] = Math.min(piv[l], t[l] / gjj[l]);
                double d = Math.sqrt(t[l]);
                gjj[l] = d;
                t[l] = 1 / d;
            }
            for (int r = j + 1; r < p; r++) {
                int rRow = r * (r + 1) / 2;
                double[] grj = g[rRow + j];
                for (int k = 0; k < j; k++) {
                    double[] grk = g[rRow + k];
                    double[] gjk = g[jRow + k];
                    for (int l = 0; l < nl; l++) {
                        grj[l] = Math.fma(-grk[l], gjk[l], grj[l]);
                    }
                }
                for (int l = 0; l < nl; l++) {
                    grj[l] *= t[l];
                }
            }
        }
        double[][] z = rhs;
        for (int r = 0; r < p; r++) {
            int rRow = r * (r + 1) / 2;
            double[] zr = z[r];
            for (int k = 0; k < r; k++) {
                double[] grk = g[rRow + k];
                double[] zk = z[k];
                for (int l = 0; l < nl; l++) {
                    zr[l] = Math.fma(-grk[l], zk[l], zr[l]);
                }
            }
            double[] grr = g[rRow + r];
            for (int l = 0; l < nl; l++) {
                zr[l] /= grr[l];
            }
        }
        for (int r = p - 1; r >= 0; r--) {
            double[] zr = z[r];
            for (int k = r + 1; k < p; k++) {
                double[] gkr = g[k * (k + 1) / 2 + r];
                double[] zk = z[k];
                for (int l = 0; l < nl; l++) {
                    zr[l] = Math.fma(-gkr[l], zk[l], zr[l]);
                }
            }
            double[] grr = g[r * (r + 1) / 2 + r];
            for (int l = 0; l < nl; l++) {
                zr[l] /= grr[l];
            }
        }
    }
}
