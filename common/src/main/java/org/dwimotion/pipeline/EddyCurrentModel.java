package org.dwimotion.pipeline;

import org.dwimotion.image.Affines;
import org.dwimotion.image.Rotations;
import org.dwimotion.registration.optimizer.SymmetricSolveOps;

/**
 * An eddy-current model of the DWIs' affine transforms ({@code --transform affine}): each DWI's affine as a rigid
 * motion followed by a linear displacement along the phase-encoding (PE) direction whose coefficients are a linear
 * function of the diffusion weighting, fitted over the series (FSL eddy's "linear" second-level model).
 *
 * <p>Conventions: transforms are fixed → moving, 4×4 row-major, world RAS mm (as {@link TransformSet}); the eddy
 * part is {@code E(x) = x + u·(eᵀ(x − c))}, u the unit PE direction (world), c the centre (world mm), e the eddy
 * coefficients (mm of displacement along u per mm along world x, y, z; dimensionless). An affine is split as
 * {@code A = E ∘ G}, G rigid: the rows of A's linear part orthogonal to u are rigid (the eddy field moves nothing
 * across u), so G's rotation is the proper rotation nearest to them, and {@code e = Rᵀ-projected u-row − u}.
 * G is anchored at c: {@code G(c) = E⁻¹(A(c))}. Model: {@code e_v = K·(b_v / b_max)·g_v} for the DWIs (b the
 * b-value, g the unit b-vector as read, in the gradient frame of the scanner: eddy currents follow the applied
 * gradient, not the head), no intercept (no gradient, no eddy: the b=0 volumes, registered rigid, pin it),
 * K 3×3 fitted by least squares over the DWIs; b=0 volumes are left as they are. A shared fixed rotation between
 * the b-vectors' frame and world (e.g. FSL's flipped x) is absorbed by K.
 *
 * <p>Why (issue #5, docs/accuracy.md "Eddy model inside the iteration"): each DWI's own eddy estimate is only part
 * of the truth, because the leave-one-out prediction carries its neighbours' (similar) eddy distortion. Tying the
 * eddy parts to one field over the series lets every iteration start from a consistent field.
 */
public final class EddyCurrentModel {
    /** Fewest DWIs the 3×3 fit is made with (below, the transforms are returned unchanged). */
    public static final int MIN_DWIS = 6;

    private EddyCurrentModel() {
    }

    /**
     * An affine split into a rigid motion and an eddy displacement along the PE direction: {@code A ≈ E ∘ G}.
     *
     * @param rigid 4×4 row-major, proper rotation part
     * @param eddy  the 3 eddy coefficients e (world x, y, z)
     */
    public record Split(double[] rigid, double[] eddy) {
    }

    /**
     * The PE direction of a grid: its second voxel axis in world (unit), the usual EPI phase-encoding axis.
     *
     * @param voxelToWorld 4×4 row-major. Not modified.
     */
    public static double[] phaseEncodingDirection(double[] voxelToWorld) {
        double[] u = {voxelToWorld[1], voxelToWorld[5], voxelToWorld[9]};
        double norm = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        if (!(norm > 0)) {
            throw new IllegalArgumentException("voxel-to-world has a zero second axis");
        }
        return new double[] {u[0] / norm, u[1] / norm, u[2] / norm};
    }

    /**
     * Splits one affine ({@code A = E ∘ G} exactly when A has that form; otherwise the x/z-like rows' non-rigid
     * part is dropped).
     *
     * @param affine 4×4 row-major fixed → moving. Not modified.
     * @param pe     unit PE direction (world)
     * @param centre c, world mm
     */
    public static Split split(double[] affine, double[] pe, double[] centre) {
        double[] f = frame(pe);
        // L' = F L Fᵀ: in the frame whose second axis is u, rows 0 and 2 are rigid
        double[] lf = mul(mul(f, Rotations.linearPart(affine)), Rotations.transpose(f));
        double[] r0 = {lf[0], lf[1], lf[2]};
        double[] r2 = {lf[6], lf[7], lf[8]};
        double[] r1 = {r2[1] * r0[2] - r2[2] * r0[1], r2[2] * r0[0] - r2[0] * r0[2], r2[0] * r0[1] - r2[1] * r0[0]};
        double[] rf = Rotations.polarOrthogonal(new double[] {r0[0], r0[1], r0[2], r1[0], r1[1], r1[2], r2[0], r2[1],
                r2[2]});
        // e' = L'_1 R'ᵀ − ŷ, then e = Fᵀ e'
        double[] ef = new double[3];
        for (int j = 0; j < 3; j++) {
            ef[j] = lf[3] * rf[3 * j] + lf[4] * rf[3 * j + 1] + lf[5] * rf[3 * j + 2] - (j == 1 ? 1 : 0);
        }
        double[] e = new double[3];
        for (int i = 0; i < 3; i++) {
            e[i] = f[i] * ef[0] + f[3 + i] * ef[1] + f[6 + i] * ef[2];
        }
        double[] r = mul(mul(Rotations.transpose(f), rf), f);
        double[] anchor = new double[3];
        Affines.apply(affine, centre[0], centre[1], centre[2], anchor);
        double[] back = new double[3];
        Affines.apply(Affines.invert(eddyAffine(e, pe, centre)), anchor[0], anchor[1], anchor[2], back);
        return new Split(rigidAbout(r, centre, back), e);
    }

    /** {@code E ∘ G}, 4×4 row-major. */
    public static double[] compose(double[] rigid, double[] eddy, double[] pe, double[] centre) {
        return Affines.multiply(eddyAffine(eddy, pe, centre), rigid, null);
    }

    /** {@code E(x) = x + u·(eᵀ(x − c))}, 4×4 row-major. */
    public static double[] eddyAffine(double[] e, double[] pe, double[] centre) {
        double ec = e[0] * centre[0] + e[1] * centre[1] + e[2] * centre[2];
        double[] a = Affines.identity();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a[4 * i + j] += pe[i] * e[j];
            }
            a[4 * i + 3] = -pe[i] * ec;
        }
        return a;
    }

    /**
     * The model's K: least squares of the DWIs' eddy coefficients on {@code (b / b_max)·g}, no intercept.
     *
     * @param eddy        N×3 eddy coefficients. Not modified.
     * @param bvals       N b-values (s/mm²)
     * @param bvecs       N×3 unit b-vectors (the b=0 ones are ignored)
     * @param b0Threshold b-values at or below it are b=0 volumes (left out of the fit)
     * @return K, 3×3 row-major ({@code e_i = Σ_j K_ij (b/b_max) g_j}), or null when the DWIs do not determine it
     *         (fewer than {@link #MIN_DWIS}, or their b-vectors span less than 3 dimensions)
     */
    public static double[] fit(double[] eddy, double[] bvals, double[] bvecs, double b0Threshold) {
        int n = bvals.length;
        double bMax = 0;
        int dwis = 0;
        for (int v = 0; v < n; v++) {
            if (bvals[v] > b0Threshold) {
                bMax = Math.max(bMax, bvals[v]);
                dwis++;
            }
        }
        if (dwis < MIN_DWIS) {
            return null;
        }
        double[] ztz = new double[9];
        double[] zte = new double[9]; // column i: Zᵀ e_i
        for (int v = 0; v < n; v++) {
            if (bvals[v] <= b0Threshold) {
                continue;
            }
            double[] z = regressor(bvals[v], bMax, bvecs, v);
            for (int a = 0; a < 3; a++) {
                for (int c = 0; c < 3; c++) {
                    ztz[3 * a + c] += z[a] * z[c];
                    zte[3 * a + c] += z[a] * eddy[3 * v + c];
                }
            }
        }
        double[] k = new double[9];
        double[] x = new double[3];
        double[] work = new double[9];
        for (int i = 0; i < 3; i++) {
            double[] rhs = {zte[i], zte[3 + i], zte[6 + i]};
            if (!SymmetricSolveOps.solve(ztz, rhs, x, 3, work)) {
                return null;
            }
            System.arraycopy(x, 0, k, 3 * i, 3);
        }
        return k;
    }

    /** The model's eddy coefficients of one volume: {@code K·(b/b_max)·g}; zeros for a b=0 volume. */
    public static double[] predict(double[] k, double bval, double bMax, double[] bvecs, int v, double b0Threshold) {
        if (bval <= b0Threshold) {
            return new double[3];
        }
        double[] z = regressor(bval, bMax, bvecs, v);
        return new double[] {k[0] * z[0] + k[1] * z[1] + k[2] * z[2], k[3] * z[0] + k[4] * z[1] + k[5] * z[2],
                k[6] * z[0] + k[7] * z[1] + k[8] * z[2]};
    }

    /**
     * A series with its DWIs' eddy parts replaced by the model's, and the model's K.
     *
     * @param transforms N×16 fixed → moving
     * @param k          3×3 row-major, or null when K could not be fitted (transforms then unchanged)
     */
    public record Result(double[] transforms, double[] k) {
    }

    /**
     * Replaces each DWI's eddy part by the model's: split, fit K over the DWIs, recompose with the fitted
     * coefficients. b=0 volumes are copied unchanged; when K cannot be fitted all transforms are.
     *
     * @param transforms N×16 fixed → moving. Not modified.
     * @param previous   the K the transforms' registrations started from (null: none, i.e. zero)
     * @param gain       step factor: {@code K = previous + gain·(K_fit − previous)}; 1 takes the fit as it is
     */
    public static Result apply(double[] transforms, double[] bvals, double[] bvecs, double b0Threshold,
                               double[] pe, double[] centre, double[] previous, double gain) {
        int n = bvals.length;
        if (transforms.length != 16 * n || bvecs.length != 3 * n) {
            throw new IllegalArgumentException("need N×16 transforms and N×3 b-vectors for " + n + " b-values");
        }
        Split[] splits = new Split[n];
        double[] eddy = new double[3 * n];
        double bMax = 0;
        for (int v = 0; v < n; v++) {
            if (bvals[v] > b0Threshold) {
                splits[v] = split(TransformSet.get(transforms, v), pe, centre);
                System.arraycopy(splits[v].eddy(), 0, eddy, 3 * v, 3);
                bMax = Math.max(bMax, bvals[v]);
            }
        }
        double[] k = fit(eddy, bvals, bvecs, b0Threshold);
        double[] out = transforms.clone();
        if (k == null) {
            return new Result(out, null);
        }
        for (int i = 0; i < 9; i++) {
            double p = previous == null ? 0 : previous[i];
            k[i] = p + gain * (k[i] - p);
        }
        return new Result(impose(transforms, k, bvals, bvecs, b0Threshold, pe, centre), k);
    }

    /**
     * Each DWI's eddy part set to {@code K·(b/b_max)·g} (its rigid part kept); b=0 volumes copied.
     *
     * @param transforms N×16 fixed → moving. Not modified.
     * @return a new N×16 array
     */
    public static double[] impose(double[] transforms, double[] k, double[] bvals, double[] bvecs, double b0Threshold,
                                  double[] pe, double[] centre) {
        int n = bvals.length;
        double bMax = 0;
        for (double b : bvals) {
            bMax = Math.max(bMax, b);
        }
        double[] out = transforms.clone();
        for (int v = 0; v < n; v++) {
            if (bvals[v] > b0Threshold) {
                Split s = split(TransformSet.get(transforms, v), pe, centre);
                double[] e = predict(k, bvals[v], bMax, bvecs, v, b0Threshold);
                System.arraycopy(compose(s.rigid(), e, pe, centre), 0, out, 16 * v, 16);
            }
        }
        return out;
    }

    /**
     * The rigid parts G of the DWIs' transforms (b=0 volumes, already rigid, copied).
     *
     * @param transforms N×16 fixed → moving. Not modified.
     * @return a new N×16 array
     */
    public static double[] rigidParts(double[] transforms, double[] bvals, double b0Threshold, double[] pe,
                                      double[] centre) {
        double[] out = transforms.clone();
        for (int v = 0; v < bvals.length; v++) {
            if (bvals[v] > b0Threshold) {
                System.arraycopy(split(TransformSet.get(transforms, v), pe, centre).rigid(), 0, out, 16 * v, 16);
            }
        }
        return out;
    }

    /**
     * Each DWI's rigid part replaced by {@code rigid}'s (its eddy part kept); b=0 volumes take {@code rigid}'s.
     *
     * @param transforms N×16 fixed → moving. Not modified.
     * @param rigid      N×16 rigid transforms. Not modified.
     * @return a new N×16 array
     */
    public static double[] withRigidParts(double[] transforms, double[] rigid, double[] bvals, double b0Threshold,
                                          double[] pe, double[] centre) {
        double[] out = rigid.clone();
        for (int v = 0; v < bvals.length; v++) {
            if (bvals[v] > b0Threshold) {
                double[] e = split(TransformSet.get(transforms, v), pe, centre).eddy();
                System.arraycopy(compose(TransformSet.get(rigid, v), e, pe, centre), 0, out, 16 * v, 16);
            }
        }
        return out;
    }

    /**
     * The limit of a geometrically converging K sequence (Aitken's Δ² per column): with steps
     * {@code d1 = k1 − k0}, {@code d2 = k2 − k1}, per regressor column j the ratio
     * {@code ρ_j = ⟨d2_j, d1_j⟩ / |d1_j|²} (clamped to [0, maxRatio]), and {@code k2 + d2·ρ/(1 − ρ)}.
     * Why: each LOVO iteration recovers only a fixed fraction 1 − ρ of the eddy field still left (the part of it that
     * the prediction from the other, similarly distorted volumes does not absorb), a fraction that depends on the
     * gradient component (the column).
     *
     * @param k0 3×3 row-major (null: zero)
     */
    public static double[] extrapolate(double[] k0, double[] k1, double[] k2, double maxRatio) {
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
            double rho = den > 0 ? Math.max(0, Math.min(maxRatio, num / den)) : 0;
            for (int i = 0; i < 3; i++) {
                out[3 * i + j] += (k2[3 * i + j] - k1[3 * i + j]) * rho / (1 - rho);
            }
        }
        return out;
    }

    private static double[] regressor(double bval, double bMax, double[] bvecs, int v) {
        double s = bval / bMax;
        return new double[] {s * bvecs[3 * v], s * bvecs[3 * v + 1], s * bvecs[3 * v + 2]};
    }

    /** Rows a, u, a × u: a proper rotation taking u to ŷ. */
    private static double[] frame(double[] u) {
        double[] seed = Math.abs(u[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 0, 1};
        double d = seed[0] * u[0] + seed[1] * u[1] + seed[2] * u[2];
        double[] a = {seed[0] - d * u[0], seed[1] - d * u[1], seed[2] - d * u[2]};
        double na = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        a[0] /= na;
        a[1] /= na;
        a[2] /= na;
        double[] b = {a[1] * u[2] - a[2] * u[1], a[2] * u[0] - a[0] * u[2], a[0] * u[1] - a[1] * u[0]};
        return new double[] {a[0], a[1], a[2], u[0], u[1], u[2], b[0], b[1], b[2]};
    }

    /** x ↦ R(x − c) + p, 4×4 row-major. */
    private static double[] rigidAbout(double[] r, double[] c, double[] p) {
        double[] m = Affines.identity();
        for (int i = 0; i < 3; i++) {
            m[4 * i] = r[3 * i];
            m[4 * i + 1] = r[3 * i + 1];
            m[4 * i + 2] = r[3 * i + 2];
            m[4 * i + 3] = p[i] - (r[3 * i] * c[0] + r[3 * i + 1] * c[1] + r[3 * i + 2] * c[2]);
        }
        return m;
    }

    private static double[] mul(double[] a, double[] b) {
        double[] o = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                o[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return o;
    }
}
