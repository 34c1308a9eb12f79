package org.dwimotion.pipeline;

import org.dwimotion.Conventions;
import org.dwimotion.model.reference.Shells;
import org.dwimotion.registration.optimizer.SymmetricSolveOps;
import org.dwimotion.registration.transform.EddyTransform;
import org.dwimotion.registration.transform.RigidTransform;

import java.util.Arrays;

/**
 * The eddy-current model of a series' DWI transforms in {@code --transform affine} runs: each DWI's transform is a
 * rigid motion G followed by a linear displacement along the phase-encoding (PE) direction u,
 * {@code A = E ∘ G}, {@code E(x) = x + u·(eᵀ(x − c))} ({@link EddyTransform}), and the eddy coefficients e of all
 * DWIs are one linear function of the diffusion weighting, fitted over the series (FSL eddy's "linear" second-level
 * model): {@code e_v = K·(b_v / b_max)·g_v}, K fitted from the variation within the shells ({@link #fit}).
 *
 * <p>Conventions: transforms N×16, fixed → moving, 4×4 row-major, world RAS mm ({@link TransformSet}); c the centre
 * (world mm); e in mm of displacement along u per mm along world x, y, z (dimensionless), N×3 row-major; b in
 * s/mm², g the unit b-vector as read (the gradient frame of the scanner: eddy currents follow the applied gradient,
 * not the head; a fixed rotation or flip between that frame and world, e.g. FSL's x flip, is absorbed by K);
 * K 3×3 row-major, {@code e_i = Σ_j K_ij (b/b_max) g_j}. The field has no constant part: no gradient, no eddy
 * current (the b=0 volumes, registered rigid, have none); the fit's per-shell intercepts only keep the shells'
 * common parts, which the registrations barely see, out of K. b=0 volumes are never changed.
 *
 * <p>Why (issue #5, docs/accuracy.md "Eddy model inside the iteration"): a DWI's own eddy estimate recovers only
 * part of its field, because its leave-one-out prediction is built from the other, similarly distorted volumes
 * (the part of the field pattern over the volumes that the per-voxel model absorbs stays hidden). Imposing the
 * fitted field on every DWI after each iteration makes the next iteration's prediction from volumes corrected by
 * one consistent field, so each iteration recovers a further fixed fraction of what is left; {@link #extrapolate}
 * then takes that geometric sequence to its limit (from 4 iterations on).
 */
public final class EddyCurrentModel {
    /** Fewest DWIs K is fitted from (below, the DWIs keep their own eddy estimates). */
    public static final int MIN_DWIS = 6;
    /** Largest per-column convergence ratio {@link #extrapolate} uses: the limit is at most 9 last steps away. */
    public static final double MAX_RATIO = 0.9;

    private EddyCurrentModel() {
    }

    /**
     * The K of the last two iterations (the field their registrations started the next from); null entries are
     * zero (no field yet).
     */
    public record History(double[] previous, double[] beforePrevious) {
        /** Before the first iteration: the start transforms have no eddy part. */
        public static History none() {
            return new History(null, null);
        }
    }

    /**
     * One iteration's model: the DWIs' transforms with the fitted (or extrapolated) field, and the history for the
     * next.
     *
     * @param transforms N×16
     * @param k          the K imposed (null when it could not be fitted: each DWI then kept its own estimate)
     */
    public record Update(double[] transforms, double[] k, History history) {
    }

    /**
     * Whether iteration {@code iteration} (1-based) of {@code iterations} extrapolates K: the one before the last
     * (so that the last iteration refines the extrapolated field), when it has two steps after the first to measure
     * the convergence ratio from (so from 4 iterations on). Why not the first step: it starts from no field, and its
     * ratio to the second differs most for the nearly hidden columns (3 iterations, extrapolating from it: z column
     * 1.5–2.6 × the truth on one series). Not with 2 iterations either: the last one is the DKI iteration of a DKI
     * run ({@link ModelSchedule}), whose step is small (DKI's 22 regressors absorb more of the field).
     */
    public static boolean extrapolatesAfter(int iteration, int iterations) {
        return iteration >= 3 && iteration == iterations - 1;
    }

    /**
     * A series' transforms split into rigid parts and eddy coefficients ({@link #decompose}).
     *
     * @param rigid N×16: the DWIs' rigid parts G, the b=0 volumes' transforms (rigid) as they were
     * @param eddy  N×3: the DWIs' eddy coefficients, zeros for the b=0 volumes
     */
    public record Parts(double[] rigid, double[] eddy) {
    }

    /**
     * Each DWI's transform split once into its rigid part and its eddy coefficients ({@link EddyTransform#fromMatrix}:
     * the rows off u are taken as rigid); the b=0 volumes' transforms are copied, their eddy coefficients are zero.
     *
     * @param transforms N×16. Not modified.
     */
    public static Parts decompose(double[] transforms, double[] bvals, double b0Threshold, double[] pe,
                                  double[] centre) {
        double[] rigid = transforms.clone();
        double[] eddy = new double[3 * bvals.length];
        for (int v = 0; v < bvals.length; v++) {
            if (bvals[v] > b0Threshold) {
                double[] p = split(TransformSet.get(transforms, v), pe, centre);
                System.arraycopy(new RigidTransform(centre, Arrays.copyOf(p, 6)).toMatrix(), 0, rigid, 16 * v, 16);
                System.arraycopy(p, 6, eddy, 3 * v, 3);
            }
        }
        return new Parts(rigid, eddy);
    }

    /**
     * The rigid parts G of the DWIs' transforms; the b=0 volumes' transforms (rigid) copied ({@link #decompose}).
     *
     * @param transforms N×16. Not modified.
     * @return a new N×16 array
     */
    public static double[] rigidParts(double[] transforms, double[] bvals, double b0Threshold, double[] pe,
                                      double[] centre) {
        return decompose(transforms, bvals, b0Threshold, pe, centre).rigid();
    }

    /**
     * {@code E(e_v) ∘ G_v} for the DWIs, {@code G_v} for the b=0 volumes.
     *
     * @param rigid N×16 rigid transforms. Not modified.
     * @param eddy  N×3 eddy coefficients (the b=0 volumes' are not read). Not modified.
     * @return a new N×16 array
     */
    public static double[] withEddy(double[] rigid, double[] eddy, double[] bvals, double b0Threshold, double[] pe,
                                    double[] centre) {
        int n = bvals.length;
        if (rigid.length != 16 * n || eddy.length != 3 * n) {
            throw new IllegalArgumentException("need N×16 transforms and N×3 eddy coefficients for " + n + " volumes");
        }
        double[] out = rigid.clone();
        for (int v = 0; v < n; v++) {
            if (bvals[v] > b0Threshold) {
                double[] e = Arrays.copyOfRange(eddy, 3 * v, 3 * v + 3);
                System.arraycopy(org.dwimotion.image.Affines.multiply(EddyTransform.eddyMatrix(e, pe, centre),
                        TransformSet.get(rigid, v), null), 0, out, 16 * v, 16);
            }
        }
        return out;
    }

    /**
     * K by least squares of the DWIs' eddy coefficients on {@code (b / b_max)·g} plus one intercept per shell
     * ({@link Shells#assign} with the default shell tolerance, as everywhere else); the intercepts are dropped, so K comes from how the coefficients
     * vary with g within the shells, and the model's field has no constant part. Why: the part of the field common to
     * a shell is nearly hidden from the leave-one-out registrations (the diffusion model absorbs it), so what they
     * report for it is mostly their own bias, which the iterations would otherwise accumulate (eddy-free series,
     * 4 iterations: a spurious y scale of up to 3 % at b_max, DWI medians 0.40–0.63 mm instead of 0.27–0.38 mm;
     * docs/accuracy.md "Eddy model inside the iteration").
     *
     * @param eddy  N×3. Not modified.
     * @param bvals N b-values
     * @param bvecs N×3 unit b-vectors (the b=0 volumes' are not read)
     * @return K 3×3 row-major, or null when the DWIs do not determine it (fewer than {@link #MIN_DWIS} plus the
     *         number of shells, or b-vectors that do not vary in 3 dimensions within the shells)
     */
    public static double[] fit(double[] eddy, double[] bvals, double[] bvecs, double b0Threshold) {
        int n = bvals.length;
        double bMax = maxDwiB(bvals, b0Threshold);
        int[] shell = Shells.assign(bvals, b0Threshold, Conventions.DEFAULT_SHELL_TOLERANCE); // DWIs: 1..S
        int nShells = Arrays.stream(shell).max().orElse(0);
        int p = 3 + nShells;
        double[] a = new double[p * p];
        double[] rhs = new double[3 * p]; // component c: rhs[c p .. c p + p)
        int dwis = 0;
        double[] row = new double[p];
        for (int v = 0; v < n; v++) {
            if (bvals[v] <= b0Threshold) {
                continue;
            }
            dwis++;
            Arrays.fill(row, 0);
            System.arraycopy(regressor(bvals[v], bMax, bvecs, v), 0, row, 0, 3);
            row[2 + shell[v]] = 1;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    a[i * p + j] += row[i] * row[j];
                }
                for (int c = 0; c < 3; c++) {
                    rhs[c * p + i] += row[i] * eddy[3 * v + c];
                }
            }
        }
        if (dwis < MIN_DWIS + nShells) {
            return null;
        }
        double scale = 0;
        for (int i = 0; i < p; i++) {
            scale = Math.max(scale, a[i * p + i]);
        }
        double[] k = new double[9];
        double[] x = new double[p];
        double[] work = new double[p * p];
        for (int c = 0; c < 3; c++) {
            if (!SymmetricSolveOps.solve(a, Arrays.copyOfRange(rhs, c * p, c * p + p), x, p, work)) {
                return null;
            }
            // a rank-deficient design has a Cholesky pivot at rounding level, not always exactly zero
            for (int i = 0; i < p; i++) {
                if (!(work[i * p + i] > 1e-6 * Math.sqrt(scale))) {
                    return null;
                }
            }
            System.arraycopy(x, 0, k, 3 * c, 3);
        }
        return k;
    }

    /**
     * The model's coefficients {@code K·(b/b_max)·g} of every DWI (zeros for the b=0 volumes).
     *
     * @return N×3
     */
    public static double[] modelled(double[] k, double[] bvals, double[] bvecs, double b0Threshold) {
        double bMax = maxDwiB(bvals, b0Threshold);
        double[] out = new double[3 * bvals.length];
        for (int v = 0; v < bvals.length; v++) {
            if (bvals[v] > b0Threshold) {
                double[] z = regressor(bvals[v], bMax, bvecs, v);
                for (int i = 0; i < 3; i++) {
                    out[3 * v + i] = k[3 * i] * z[0] + k[3 * i + 1] * z[1] + k[3 * i + 2] * z[2];
                }
            }
        }
        return out;
    }

    /**
     * The limit of a geometrically converging sequence of K (Aitken's Δ², per regressor column j): with the steps
     * {@code d1 = k1 − k0}, {@code d2 = k2 − k1}, the ratio {@code ρ_j = ⟨d2_j, d1_j⟩ / |d1_j|²} clamped to
     * [0, {@link #MAX_RATIO}], and {@code k2 + d2·ρ/(1 − ρ)}. Per column because the fraction of the remaining field
     * an iteration recovers depends on the gradient component's pattern over the volumes (a component of one sign
     * on all volumes, like g_z on a half sphere, is mostly hidden).
     *
     * @param k0 null for zero. Not modified.
     * @return a new 3×3 array
     */
    public static double[] extrapolate(double[] k0, double[] k1, double[] k2) {
        double[] out = k2.clone();
        for (int j = 0; j < 3; j++) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < 3; i++) {
                double d1 = k1[3 * i + j] - (k0 == null ? 0 : k0[3 * i + j]);
                double d2 = k2[3 * i + j] - k1[3 * i + j];
                num += d2 * d1;
                den += d1 * d1;
            }
            double rho = den > 0 ? Math.max(0, Math.min(MAX_RATIO, num / den)) : 0;
            for (int i = 0; i < 3; i++) {
                out[3 * i + j] += (k2[3 * i + j] - k1[3 * i + j]) * rho / (1 - rho);
            }
        }
        return out;
    }

    /**
     * One iteration's model step: K fitted from the DWIs' eddy estimates, extrapolated when asked (and the history
     * holds two earlier fields), imposed on the rigid parts.
     *
     * @param rigid       N×16 rigid parts of the iteration's transforms (the temporal prior already applied).
     *                    Not modified.
     * @param eddy        N×3 the iteration's eddy estimates ({@link #decompose}). Not modified.
     * @param history     the fields the iteration started from
     * @param extrapolate {@link #extrapolatesAfter} for this iteration
     */
    public static Update update(double[] rigid, double[] eddy, double[] bvals, double[] bvecs, double b0Threshold,
                                double[] pe, double[] centre, History history, boolean extrapolate) {
        double[] k = fit(eddy, bvals, bvecs, b0Threshold);
        if (k == null) {
            return new Update(withEddy(rigid, eddy, bvals, b0Threshold, pe, centre), null, History.none());
        }
        if (extrapolate && history.previous() != null) {
            k = extrapolate(history.beforePrevious(), history.previous(), k);
        }
        return new Update(withEddy(rigid, modelled(k, bvals, bvecs, b0Threshold), bvals, b0Threshold, pe, centre), k,
                new History(k, history.previous()));
    }

    /** The 9 {@link EddyTransform} parameters of one affine (t, rotation angles, e). */
    private static double[] split(double[] affine, double[] pe, double[] centre) {
        return EddyTransform.fromMatrix(affine, centre, pe).getParameters();
    }

    private static double maxDwiB(double[] bvals, double b0Threshold) {
        double bMax = 0;
        for (double b : bvals) {
            if (b > b0Threshold) {
                bMax = Math.max(bMax, b);
            }
        }
        return bMax;
    }

    private static double[] regressor(double bval, double bMax, double[] bvecs, int v) {
        double s = bval / bMax;
        return new double[] {s * bvecs[3 * v], s * bvecs[3 * v + 1], s * bvecs[3 * v + 2]};
    }
}
