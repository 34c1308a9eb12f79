package org.dwimotion.pipeline;

import org.dwimotion.Quantiles;
import org.dwimotion.image.Affines;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.model.dki.DkiDesignMatrix;
import org.dwimotion.model.dti.DtiDesignMatrix;
import org.dwimotion.registration.optimizer.SymmetricSolveOps;
import org.dwimotion.registration.transform.RigidTransform;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A temporal-smoothness value for the part of a series' motion estimates that leave-one-volume-out (LOVO)
 * registration cannot see.
 *
 * <p>Why (issue #6, docs/accuracy.md "Decomposition" items 3–5 and "Temporal smoothing of the hidden component"):
 * a per-voxel log-linear model absorbs every motion pattern over the volumes that lies in the column space of its
 * design X (N volumes × p regressors): for such a pattern the held-out prediction moves with the volume, so the
 * LOVO iterations keep, for each rigid parameter, the col(X) component of whatever estimate they started from.
 * Head motion is mostly a smooth drift in acquisition time, while the design's columns jump from volume to volume
 * (the gradient direction changes every volume; interleaved shells change the b-value), so a wrong col(X)
 * component makes the trajectory rough. This class replaces the col(X) component by the one that makes the
 * trajectory smoothest: per rigid parameter k, with m the parameter's values over the volumes in acquisition
 * (file) order, {@code m' = m + X a} with
 * <pre>  a = argmin Σ_i w_i ((D(m + X a))_i)² + λ ‖X a‖²</pre>
 * where D is the first- or second-difference operator over the volume index (uniform spacing assumed), w_i are
 * IRLS weights of a robust loss (Tukey's biweight, c = 4.685, or Huber, κ = 1.345, in units of the robust scale
 * 1.4826 × the median absolute difference) so that a sudden move (a spike, a step) is not smeared over the col(X)
 * patterns, and λ = ridge × tr((DX)ᵀW(DX))/tr(XᵀX) (scale-free), plus 1e-9 of that always (a constant pattern
 * has D·1 = 0; the reference fixes it instead). With {@link Settings#keepUnsupported()} a volume rejected on
 * every side (a spike) keeps its input.
 *
 * <p>Conventions: parameters are {@link RigidTransform}'s {@code [tx, ty, tz, rx, ry, rz]} (mm, radians, Euler
 * angles about {@code centre}); transforms are N 4×4 row-major fixed → moving matrices in world RAS mm
 * ({@link TransformSet}). b=0 rows of the log-linear designs are {@code [0, …, 0, ±1]} (intercept only), so the
 * b=0 volumes change only by a common constant; the correction is taken relative to the reference volume's, so
 * the reference and the b=0 volumes keep their transforms. A rigid matrix gets its corrected parameters
 * exactly; an affine one (not equal to the rigid matrix of its own parameters) keeps its linear part and is
 * composed with the rigid correction on the left.
 * Everything runs on small arrays in a fixed order: results are deterministic, bit for bit.
 */
public final class HiddenMotionSmoothing {
    /** Huber threshold in robust standard deviations (95 % efficiency for Gaussian differences). */
    static final double HUBER_K = 1.345;
    /** Tukey biweight threshold in robust standard deviations (95 % efficiency); beyond it a weight is 0. */
    static final double TUKEY_C = 4.685;
    /** b-value, s/mm², from which a DKI iteration after DTI warm-ups smooths DKI's whole span. */
    static final double FULL_DKI_SMOOTHING_B = 3000;
    /** IRLS passes at most; the weights settle in a few. */
    static final int MAX_IRLS = 30;
    /** A relative change of the correction below this ends IRLS. */
    static final double IRLS_TOL = 1e-10;
    /** Ridge always added (relative): fixes the constant pattern (D·1 = 0), negligible otherwise. */
    static final double MIN_RIDGE = 1e-9;

    private HiddenMotionSmoothing() {
    }

    /**
     * How the smoothest member is chosen.
     *
     * @param order  1 (first differences: penalises velocity) or 2 (second differences: acceleration)
     * @param loss   the weights of the differences (IRLS): none (least squares), Huber or Tukey's biweight
     * @param ridge  ≥ 0: relative weight of ‖X a‖² (0: none beyond {@link #MIN_RIDGE}; larger values keep more
     *               of the input's col(X) component)
     * @param keepUnsupported a volume whose differences all get weight 0 (Tukey: beyond c robust standard
     *               deviations on every side, i.e. a spike) keeps its input for that parameter: smoothness says
     *               nothing about it, and its correction would otherwise be the others' fit, extrapolated
     */
    public record Settings(int order, Loss loss, double ridge, boolean keepUnsupported) {
        public Settings {
            if (order != 1 && order != 2) {
                throw new IllegalArgumentException("difference order must be 1 or 2, got " + order);
            }
            if (loss == null) {
                throw new IllegalArgumentException("loss is required");
            }
            if (!(ridge >= 0) || Double.isInfinite(ridge)) {
                throw new IllegalArgumentException("ridge must be finite and >= 0, got " + ridge);
            }
        }

        /**
         * The job's setting: first differences (second differences were worse: docs/accuracy.md), Tukey weights
         * (Huber's bounded influence still let a spike pull the correction), ridge 0.1 (keeps the correction of
         * volumes whose differences got little weight — spikes, the series' ends — from extrapolating wildly),
         * spikes keep their input (large-motion accuracy case: p95 1.12 → 0.59 mm).
         */
        public static Settings defaults() {
            return new Settings(1, Loss.TUKEY, 0.1, true);
        }
    }

    /** IRLS weights of the differences: none, Huber (bounded influence), Tukey's biweight (redescending). */
    public enum Loss {
        NONE, HUBER, TUKEY
    }

    /**
     * The col(X) correction {@code X a} of every parameter, relative to the reference volume's (0 there; 0 also
     * for a volume kept by {@link Settings#keepUnsupported()}).
     *
     * @param params N×6 row-major {@code [6*v + k]}, volumes in acquisition order. Not modified.
     * @param design N×p row-major {@code [v*p + c]}, full column rank (a validated LOVO design). Not modified.
     * @param p      number of design columns
     * @param reference the volume whose correction is 0 (the others' are taken relative to it)
     * @return N×6 row-major correction to add to {@code params}
     */
    public static double[] correction(double[] params, double[] design, int p, int reference, Settings s) {
        int n = params.length / 6;
        if (params.length != 6 * n || design.length != n * p || p < 1 || reference < 0 || reference >= n) {
            throw new IllegalArgumentException("need N×6 parameters and an N×p design, got " + params.length
                    + " and " + design.length + " with p = " + p);
        }
        if (n <= s.order() + 1) {
            return new double[6 * n];
        }
        double[] x = unitColumns(design, n, p);
        int r = n - s.order();
        double[] y = differences(x, n, p, s.order()); // r×p
        double[] xtx = gram(x, n, p, null);
        double[] out = new double[6 * n];
        double[] m = new double[n];
        for (int k = 0; k < 6; k++) {
            for (int v = 0; v < n; v++) {
                m[v] = params[6 * v + k];
            }
            double[] dm = differences(m, n, 1, s.order()); // r
            double[] w = new double[r];
            Arrays.fill(w, 1);
            double[] a = new double[p];
            boolean robust = s.loss() != Loss.NONE;
            for (int pass = 0; pass < (robust ? MAX_IRLS : 1); pass++) {
                double[] a2 = solve(y, dm, w, xtx, r, p, s.ridge());
                double change = 0, size = 0;
                for (int c = 0; c < p; c++) {
                    change = Math.max(change, Math.abs(a2[c] - a[c]));
                    size = Math.max(size, Math.abs(a2[c]));
                }
                a = a2;
                if (!robust || (pass > 0 && change <= IRLS_TOL * Math.max(size, 1e-300))) {
                    break;
                }
                double[] u = new double[r];
                for (int i = 0; i < r; i++) {
                    double z = dm[i];
                    for (int c = 0; c < p; c++) {
                        z += y[i * p + c] * a[c];
                    }
                    u[i] = Math.abs(z);
                }
                double scale = 1.4826 * Quantiles.median(u);
                if (!(scale > 0)) {
                    break;
                }
                if (s.loss() == Loss.HUBER) {
                    double t = HUBER_K * scale;
                    for (int i = 0; i < r; i++) {
                        w[i] = u[i] <= t ? 1 : t / u[i];
                    }
                } else {
                    double t = TUKEY_C * scale;
                    for (int i = 0; i < r; i++) {
                        double q = u[i] / t;
                        w[i] = q < 1 ? (1 - q * q) * (1 - q * q) : 0;
                    }
                }
            }
            double[] z = new double[n];
            for (int v = 0; v < n; v++) {
                for (int c = 0; c < p; c++) {
                    z[v] += x[v * p + c] * a[c];
                }
            }
            for (int v = 0; v < n; v++) {
                boolean supported = !s.keepUnsupported();
                for (int i = Math.max(0, v - s.order()); i <= Math.min(v, r - 1) && !supported; i++) {
                    supported = w[i] > 0;
                }
                out[6 * v + k] = supported ? z[v] - z[reference] : 0;
            }
        }
        return out;
    }

    /**
     * Smooths the hidden component of a series' transforms and re-expresses them relative to {@code reference}.
     *
     * @param transforms N×16 fixed → moving, relative to {@code reference}. Not modified.
     * @param design     N×p row-major design of the LOVO fit (b-vectors as that fit used them). Not modified.
     * @param p          number of design columns
     * @param reference  the volume whose transform stays the identity
     * @param centre     rotation centre of the parameters, world mm (the field-of-view centre)
     * @return a new N×16 array
     */
    public static double[] apply(double[] transforms, double[] design, int p, int reference, double[] centre,
                                 Settings s) {
        return corrected(transforms, reference, centre, params -> correction(params, design, p, reference, s));
    }

    /** {@code transforms} with the rigid correction {@code correctionOf(parameters)} applied (see {@link #apply}). */
    private static double[] corrected(double[] transforms, int reference, double[] centre,
                                      UnaryOperator<double[]> correctionOf) {
        int n = transforms.length / 16;
        if (transforms.length != 16 * n || reference < 0 || reference >= n) {
            throw new IllegalArgumentException("need N×16 transforms and a reference volume in 0.." + (n - 1));
        }
        double[] params = new double[6 * n];
        for (int v = 0; v < n; v++) {
            System.arraycopy(RigidTransform.fromMatrix(TransformSet.get(transforms, v), centre).getParameters(), 0,
                    params, 6 * v, 6);
        }
        // relative to the reference's correction: that volume, and the b=0 volumes (a common constant), keep their
        // transforms exactly; a constant pattern is the reference's freedom, not motion
        double[] d = correctionOf.apply(params);
        double[] out = new double[16 * n];
        for (int v = 0; v < n; v++) {
            double[] t = TransformSet.get(transforms, v);
            double[] q = Arrays.copyOfRange(params, 6 * v, 6 * v + 6);
            double[] rigid = new RigidTransform(centre, q).toMatrix();
            double[] m;
            if (isClose(rigid, t)) {
                for (int k = 0; k < 6; k++) {
                    q[k] += d[6 * v + k];
                }
                m = new RigidTransform(centre, q).toMatrix();
            } else {
                double[] correction = new RigidTransform(centre, Arrays.copyOfRange(d, 6 * v, 6 * v + 6)).toMatrix();
                m = Affines.multiply(correction, t, null);
            }
            System.arraycopy(m, 0, out, 16 * v, 16);
        }
        return TransformSet.relativeTo(out, reference);
    }

    /**
     * {@link #apply} with the design of a LOVO fit: DTI or DKI on these b-values and b-vectors (as the fit used
     * them: rotated by the current estimates); other models have no design and leave the transforms as they are.
     *
     * @param bvals N b-values, s/mm². Not modified.
     * @param bvecs N×3 b-vectors, row-major. Not modified.
     * @return a new N×16 array (a copy of {@code transforms} for models other than DTI and DKI)
     */
    public static double[] applyForModel(double[] transforms, LovoModelType model, double[] bvals, double[] bvecs,
                                         int reference, double[] centre, Settings s) {
        if (model == LovoModelType.DTI) {
            return apply(transforms, DtiDesignMatrix.build(bvals, bvecs), DtiDesignMatrix.N_PARAMS, reference,
                    centre, s);
        }
        if (model == LovoModelType.DKI) {
            return apply(transforms, DkiDesignMatrix.build(bvals, bvecs), DkiDesignMatrix.N_PARAMS, reference,
                    centre, s);
        }
        return transforms.clone();
    }

    /**
     * The temporal prior after one iteration of a run: {@link #applyForModel} with the iteration's design, except
     * for a DKI iteration after DTI warm-ups, whose correction is {@code (1 − w)·c_DTI + w·c_DKI}: the DTI-design
     * and the DKI-design corrections (each from the same parameters), weighted by {@link #dkiSpanWeight}.
     *
     * <p>Why (issue #5, docs/accuracy.md "What a DKI iteration smooths after DTI warm-ups"): a DKI iteration keeps
     * the col(X_DKI) component of its start, the warm-ups' estimate. Of that component, the part in col(X_DTI) (the
     * designs nest: DTI's 7 regressors are among DKI's 22) no iteration has seen; the rest the DTI warm-ups did see,
     * through a model that misses kurtosis, so with a bias. Smoothing DKI's whole span removes that bias but also
     * bends the real drift (22 patterns of 44 volumes hold about half of any trajectory's differences); smoothing
     * col(X_DTI) only keeps the bias. The two errors have different causes, and which is larger depends on the
     * bias, which grows with the b-value.
     *
     * @param iterationModel the model the iteration fitted
     * @param afterDti       whether a DTI iteration ran before this one since the run's start (or restart)
     * @param bvals          N b-values, s/mm², as that fit used them. Not modified.
     * @param bvecs          N×3 b-vectors, row-major, as that fit used them. Not modified.
     * @return a new N×16 array
     */
    public static double[] applyAfter(double[] transforms, LovoModelType iterationModel, boolean afterDti,
                                      double[] bvals, double[] bvecs, int reference, double[] centre, Settings s) {
        double w = dkiSpanWeight(bvals);
        if (iterationModel != LovoModelType.DKI || !afterDti || w >= 1) {
            return applyForModel(transforms, iterationModel, bvals, bvecs, reference, centre, s);
        }
        double[] dti = DtiDesignMatrix.build(bvals, bvecs);
        double[] dki = DkiDesignMatrix.build(bvals, bvecs);
        return corrected(transforms, reference, centre, params -> {
            double[] d = correction(params, dti, DtiDesignMatrix.N_PARAMS, reference, s);
            double[] k = correction(params, dki, DkiDesignMatrix.N_PARAMS, reference, s);
            for (int i = 0; i < d.length; i++) {
                d[i] = (1 - w) * d[i] + w * k[i];
            }
            return d;
        });
    }

    /**
     * The weight of the DKI-design correction after DTI warm-ups ({@link #applyAfter}): {@code min(1, (b_max /
     * 3000)²)}, b_max the largest b-value in s/mm². The warm-ups' bias follows the kurtosis term the DTI model
     * misses, {@code (b·D)²·K/6}, so it grows with b²; at b = 3000 (the three-shell series and the job test's) the
     * whole DKI span measured best, at b = 2000 (0.44) the blend beat both ends under large motion (docs/accuracy.md).
     */
    public static double dkiSpanWeight(double[] bvals) {
        double max = 0;
        for (double b : bvals) {
            max = Math.max(max, b);
        }
        double r = max / FULL_DKI_SMOOTHING_B;
        return Math.min(1, r * r);
    }

    private static boolean isClose(double[] a, double[] b) {
        for (int i = 0; i < 16; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-9 * (1 + Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Columns scaled to unit length (the correction X a does not depend on the scaling; conditioning does). */
    private static double[] unitColumns(double[] design, int n, int p) {
        double[] x = design.clone();
        for (int c = 0; c < p; c++) {
            double ss = 0;
            for (int v = 0; v < n; v++) {
                ss += x[v * p + c] * x[v * p + c];
            }
            if (!(ss > 0) || Double.isInfinite(ss)) {
                throw new IllegalArgumentException("design column " + c + " is zero or not finite");
            }
            double f = 1 / Math.sqrt(ss);
            for (int v = 0; v < n; v++) {
                x[v * p + c] *= f;
            }
        }
        return x;
    }

    /** Row differences of order 1 or 2 of an n×p row-major array: (n−order)×p. */
    static double[] differences(double[] x, int n, int p, int order) {
        double[] d = new double[(n - order) * p];
        for (int i = 0; i < n - order; i++) {
            for (int c = 0; c < p; c++) {
                d[i * p + c] = order == 1 ? x[(i + 1) * p + c] - x[i * p + c]
                        : x[(i + 2) * p + c] - 2 * x[(i + 1) * p + c] + x[i * p + c];
            }
        }
        return d;
    }

    /** Aᵀ W A for an r×p A (W = identity when w is null), p×p. */
    private static double[] gram(double[] a, int r, int p, double[] w) {
        double[] g = new double[p * p];
        for (int i = 0; i < r; i++) {
            double wi = w == null ? 1 : w[i];
            for (int c = 0; c < p; c++) {
                double ac = wi * a[i * p + c];
                for (int d = 0; d <= c; d++) {
                    g[c * p + d] += ac * a[i * p + d];
                }
            }
        }
        for (int c = 0; c < p; c++) {
            for (int d = 0; d < c; d++) {
                g[d * p + c] = g[c * p + d];
            }
        }
        return g;
    }

    /** a = −(YᵀWY + λ XᵀX)⁻¹ YᵀW dm. */
    private static double[] solve(double[] y, double[] dm, double[] w, double[] xtx, int r, int p, double ridge) {
        double[] g = gram(y, r, p, w);
        double ty = 0, tx = 0;
        for (int c = 0; c < p; c++) {
            ty += g[c * p + c];
            tx += xtx[c * p + c];
        }
        double lambda = (ridge + MIN_RIDGE) * ty / tx;
        for (int i = 0; i < p * p; i++) {
            g[i] += lambda * xtx[i];
        }
        double[] rhs = new double[p];
        for (int i = 0; i < r; i++) {
            for (int c = 0; c < p; c++) {
                rhs[c] -= w[i] * y[i * p + c] * dm[i];
            }
        }
        double[] a = new double[p];
        if (!SymmetricSolveOps.solve(g, rhs, a, p, new double[p * p])) {
            throw new IllegalArgumentException("the smoothing system is not positive definite"
                    + " (design not of full column rank)");
        }
        return a;
    }
}
