package org.dwimotion.model;

import java.io.Serializable;
import java.util.Arrays;
import org.dwimotion.Conventions;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.model.loglinear.LovoOperators;

/**
 * Immutable, serialisable description of one leave-one-volume-out (LOVO) prediction job for a series:
 * the gradient table, the model and fit method, and which volumes are held out. Built once per series
 * on the driver, broadcast, and turned into a {@link LovoKernel} on each executor ({@link LovoKernels#create}).
 *
 * <p>Units and conventions ({@link Conventions}): b in s/mm²; b-vectors N×3 row-major in the FSL frame,
 * unit length for diffusion-weighted volumes (zero allowed for b=0 volumes); volume {@code v} is a b=0
 * volume when {@code bvals[v] <= b0Threshold}. Held-out volumes are 0-based indices into the series;
 * output column {@code j} of a kernel is the prediction of volume {@code heldOutVolume(j)}.
 *
 * <p>Validation happens here, once, with clear messages: a series without b=0 volume, DKI without
 * three distinct b-values, or a held-out diffusion-weighted volume whose remaining volumes cannot
 * determine the model (rank-deficient LOVO design) are rejected.
 *
 * <p>Only primitive arrays, an enum pair and a double are held, so Java serialisation and Kryo's
 * field serialiser both work; the arrays are never exposed (accessors return copies).
 */
public final class LovoDesign implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LovoModelType model;
    private final FitMethod fit;
    private final double[] bvals;
    private final double[] bvecs;
    private final double b0Threshold;
    private final int[] heldOut;

    private LovoDesign(LovoModelType model, FitMethod fit, double[] bvals, double[] bvecs, double b0Threshold,
                       int[] heldOut) {
        this.model = model;
        this.fit = fit;
        this.bvals = bvals;
        this.bvecs = bvecs;
        this.b0Threshold = b0Threshold;
        this.heldOut = heldOut;
    }

    /**
     * Builds and validates a design.
     *
     * @param model          the model
     * @param fit            the fit method (ignored by {@link LovoModelType#B0} and {@link LovoModelType#AVGDWI})
     * @param bvals          b-values, length N, s/mm², finite and ≥ 0. Not modified (copied).
     * @param bvecsNx3       b-vectors, length 3N, row-major {@code [3*v + axis]}, finite. Not modified (copied).
     * @param b0Threshold    volumes with b ≤ this are b=0 volumes (s/mm²), e.g. {@link Conventions#DEFAULT_B0_THRESHOLD}
     * @param heldOutVolumes distinct volume indices in [0, N) to predict, in output order. Not modified (copied).
     * @throws IllegalArgumentException on inconsistent sizes, bad values, or a design the model cannot fit
     */
    public static LovoDesign of(LovoModelType model, FitMethod fit, double[] bvals, double[] bvecsNx3,
                                double b0Threshold, int[] heldOutVolumes) {
        if (model == null || fit == null) {
            throw new IllegalArgumentException("model and fit method are required");
        }
        int n = bvals.length;
        if (n < 2) {
            throw new IllegalArgumentException("LOVO needs at least 2 volumes, got " + n);
        }
        if (bvecsNx3.length != 3 * n) {
            throw new IllegalArgumentException("bvecs has " + bvecsNx3.length + " values, expected 3 × " + n
                    + " volumes = " + 3 * n);
        }
        if (!(b0Threshold >= 0) || Double.isInfinite(b0Threshold)) {
            throw new IllegalArgumentException("b0 threshold must be finite and ≥ 0, got " + b0Threshold);
        }
        for (int v = 0; v < n; v++) {
            if (!(bvals[v] >= 0) || Double.isInfinite(bvals[v])) {
                throw new IllegalArgumentException("b-value of volume " + v + " is " + bvals[v]
                        + ": expected finite and ≥ 0 s/mm²");
            }
            for (int a = 0; a < 3; a++) {
                if (!Double.isFinite(bvecsNx3[3 * v + a])) {
                    throw new IllegalArgumentException("b-vector of volume " + v + " is not finite"
                            + " (read NaN b-vectors of b=0 volumes as zero)");
                }
            }
        }
        int nB0 = 0;
        for (double b : bvals) {
            if (b <= b0Threshold) {
                nB0++;
            }
        }
        if (nB0 == 0) {
            throw new IllegalArgumentException("the series has no b=0 volume (b ≤ " + b0Threshold
                    + " s/mm²): LOVO predictions are scaled by the mean b=0 signal");
        }
        boolean[] seen = new boolean[n];
        for (int v : heldOutVolumes) {
            if (v < 0 || v >= n) {
                throw new IllegalArgumentException("held-out volume " + v + " is outside [0, " + n + ")");
            }
            if (seen[v]) {
                throw new IllegalArgumentException("held-out volume " + v + " is listed twice");
            }
            seen[v] = true;
        }
        if (model == LovoModelType.DKI && !supportsDki(bvals)) {
            throw new IllegalArgumentException("DKI needs at least 3 distinct b-values (b=0 included) in every"
                    + " leave-one-out subset; b-values here: " + Arrays.toString(distinctRounded(bvals))
                    + " (use DTI)");
        }
        LovoDesign d = new LovoDesign(model, fit, bvals.clone(), bvecsNx3.clone(), b0Threshold,
                heldOutVolumes.clone());
        if (model.isLogLinear()) {
            LovoOperators.of(d); // validates the rank of every LOVO design; kernels rebuild it locally
        }
        return d;
    }

    /** Adapter: {@link #of(LovoModelType, FitMethod, double[], double[], double, int[])} on a gradient table. */
    public static LovoDesign of(LovoModelType model, FitMethod fit, GradientTable gradients, int[] heldOutVolumes) {
        return of(model, fit, gradients.bvals(), gradients.bvecs(), gradients.b0Threshold(), heldOutVolumes);
    }

    /** A design holding out every volume of the series, in order 0..N-1. */
    public static LovoDesign allVolumes(LovoModelType model, FitMethod fit, double[] bvals, double[] bvecsNx3,
                                        double b0Threshold) {
        int[] all = new int[bvals.length];
        for (int v = 0; v < all.length; v++) {
            all[v] = v;
        }
        return of(model, fit, bvals, bvecsNx3, b0Threshold, all);
    }

    /** A design holding out every diffusion-weighted volume (b > threshold), in series order. */
    public static LovoDesign diffusionWeighted(LovoModelType model, FitMethod fit, double[] bvals,
                                               double[] bvecsNx3, double b0Threshold) {
        return of(model, fit, bvals, bvecsNx3, b0Threshold,
                Arrays.stream(range(bvals.length)).filter(v -> bvals[v] > b0Threshold).toArray());
    }

    /**
     * Whether DKI can be fitted in every leave-one-out subset of these b-values, with DIPY 1.6.0's rule
     * ({@code check_multi_b(gtab, 3, non_zero=False)}): after rounding every b to
     * {@code 10^(int(log10(max b)) - 1)} (half-even), at least three distinct values, b=0 included.
     * The job's automatic model choice falls back to DTI when this is false.
     *
     * @param bvals b-values (s/mm²). Not modified.
     */
    public static boolean supportsDki(double[] bvals) {
        if (distinctRounded(bvals).length < 3) {
            return false;
        }
        double[] sub = new double[bvals.length - 1];
        for (int v = 0; v < bvals.length; v++) {
            for (int i = 0, s = 0; i < bvals.length; i++) {
                if (i != v) {
                    sub[s++] = bvals[i];
                }
            }
            if (distinctRounded(sub).length < 3) {
                return false;
            }
        }
        return true;
    }

    private static double[] distinctRounded(double[] bvals) {
        double max = 0;
        for (double b : bvals) {
            max = Math.max(max, b);
        }
        if (!(max > 0)) {
            return bvals.length == 0 ? new double[0] : new double[] {0};
        }
        int bmag = (int) Math.log10(max) - 1; // Python int(): truncation towards zero
        double scale = Math.pow(10, bmag);
        return Arrays.stream(bvals).map(b -> Math.rint(b / scale) * scale).distinct().sorted().toArray();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    public LovoModelType model() {
        return model;
    }

    public FitMethod fit() {
        return fit;
    }

    /** Number of volumes N in the series. */
    public int nVolumes() {
        return bvals.length;
    }

    /** Number of held-out volumes V (columns of a kernel's output). */
    public int nHeldOut() {
        return heldOut.length;
    }

    /** Volume index predicted in output column {@code j}. */
    public int heldOutVolume(int j) {
        return heldOut[j];
    }

    /** The held-out volume indices, output order (a copy). */
    public int[] heldOutVolumes() {
        return heldOut.clone();
    }

    public double b0Threshold() {
        return b0Threshold;
    }

    /** b-values, length N, s/mm² (a copy). */
    public double[] bvals() {
        return bvals.clone();
    }

    /** b-vectors, N×3 row-major (a copy). */
    public double[] bvecs() {
        return bvecs.clone();
    }

    public double bval(int v) {
        return bvals[v];
    }

    /** Component {@code axis} (0..2) of the b-vector of volume {@code v}. */
    public double bvec(int v, int axis) {
        return bvecs[3 * v + axis];
    }

    public boolean isB0(int v) {
        return bvals[v] <= b0Threshold;
    }

    /** The b=0 volume indices, in series order. */
    public int[] b0Volumes() {
        return Arrays.stream(range(bvals.length)).filter(this::isB0).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LovoDesign d && model == d.model && fit == d.fit
                && Double.compare(b0Threshold, d.b0Threshold) == 0 && Arrays.equals(bvals, d.bvals)
                && Arrays.equals(bvecs, d.bvecs) && Arrays.equals(heldOut, d.heldOut);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * model.hashCode() + fit.hashCode()) + Arrays.hashCode(bvals)) + Arrays.hashCode(heldOut);
    }

    @Override
    public String toString() {
        return "LovoDesign[" + model.cliName() + "/" + fit.name().toLowerCase(java.util.Locale.ROOT) + ", N="
                + bvals.length + ", heldOut=" + heldOut.length + "]";
    }
}
