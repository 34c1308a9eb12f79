package org.dwimotion.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dwimotion.Quantiles;
import org.dwimotion.gradients.Shell;
import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.motion.DisplacementError;
import org.dwimotion.motion.DisplacementStats;
import org.dwimotion.registration.transform.RigidTransform;

/**
 * Scores estimated per-volume transforms against the true ones (pure computation; no I/O).
 *
 * <p>Units and conventions: transforms are N 4×4 row-major "fixed → moving" matrices in world RAS mm
 * ({@link org.dwimotion.Conventions}), flattened N×16; distances in mm, angles reported in degrees.
 *
 * <h2>Common offset</h2>
 * An estimate may be expressed relative to another reference position than the truth's (the LOVO model frame,
 * the mean head position, a different reference volume). If its reference space is the truth's moved by a rigid
 * C (truth reference point x ↔ estimate reference point C(x)), a perfect estimate is {@code T_est,v = T_true,v · C⁻¹}
 * for every v, so every volume's discrepancy {@code D_v = T_est,v⁻¹ · T_true,v} equals C. C is estimated as the
 * rigid transform nearest to the element-wise median of the D_v (linear parts), whose translation puts the mask
 * centroid p where the median of the {@code D_v(p)} is ({@link OffsetRemoval#MEDIAN}, the default). The median
 * rather than the least-squares mean, so one failed volume cannot move the offset; and all volumes rather than the
 * reference volume alone ({@link OffsetRemoval#REFERENCE}), whose own estimation error would otherwise be added to
 * every other volume. A rigid (not affine) C, so a global scaling error is not absorbed.
 *
 * <h2>Per volume</h2>
 * The displacement error of volume v at a mask voxel centre x is {@code |T_est,v(C(x)) − T_true,v(x)|}: where the
 * estimate sends the reference anatomy at x minus where it truly is. Its mean over the mask is the volume's
 * displacement error (median and max are kept too). The residual {@code Δ_v = T_true,v⁻¹ · T_est,v · C} (identity
 * when perfect) gives the translation error (length of its translation at the rotation centre, mm) and the rotation
 * error (angle of its nearest rotation, degrees).
 *
 * <h2>Per class</h2>
 * Classes are the b=0 volumes and each shell ({@link Shell}), then {@code all}. The truth's reference volume (the
 * first whose true transform is exactly the identity) is left out of the summaries: it is the identity on both
 * sides by construction for most estimates, and would pull the b=0 median to zero.
 */
public final class MotionEvaluation {
    private final ImageGeometry grid;
    private final Image3D mask;
    private final double[] centre;
    private final OffsetRemoval offset;

    /**
     * @param grid   the reference grid; displacements are measured at its voxel centres
     * @param mask   null (every voxel) or an image on {@code grid}, nonzero = measured. Not modified.
     * @param centre rotation centre for the translation errors (world RAS mm, e.g. the truth's {@code centre_mm})
     * @param offset how to remove the common offset
     */
    public MotionEvaluation(ImageGeometry grid, Image3D mask, double[] centre, OffsetRemoval offset) {
        if (grid == null || centre == null || centre.length != 3 || offset == null) {
            throw new IllegalArgumentException("grid, a 3-element centre and an offset mode are required");
        }
        if (mask != null && !mask.geometry().sameGrid(grid, 1e-6)) {
            throw new IllegalArgumentException("mask grid " + mask.geometry() + " differs from " + grid);
        }
        this.grid = grid;
        this.mask = mask;
        this.centre = centre.clone();
        this.offset = offset;
    }

    /**
     * @param truth    N×16 true fixed → moving transforms. Not modified.
     * @param estimate N×16 estimated fixed → moving transforms. Not modified.
     * @param classes  the volume classes (e.g. {@code GradientTable.shells()}): every volume in exactly one
     * @param bvals    N b-values, s/mm² (reported per volume). Not modified.
     * @throws IllegalArgumentException on mismatched counts, non-finite or singular transforms, an empty mask, or
     *                                  classes that do not cover the volumes once
     */
    public EvaluationResult evaluate(double[] truth, double[] estimate, List<Shell> classes, double[] bvals) {
        int n = check(truth, estimate, bvals);
        String[] className = classNames(classes, n);
        int reference = referenceVolume(truth);
        double[] c = offsetMatrix(truth, estimate, reference);

        List<VolumeError> volumes = new ArrayList<>(n);
        int maskVoxels = 0;
        for (int v = 0; v < n; v++) {
            double[] t = get(truth, v);
            double[] e = Affines.multiply(get(estimate, v), c, null);
            DisplacementStats d = DisplacementError.between(e, t, grid, mask);
            maskVoxels = d.count();
            double[] residual = Affines.multiply(Affines.invert(t), e, null);
            RigidTransform r = RigidTransform.fromMatrix(residual, centre);
            double[] p = r.getParameters();
            volumes.add(new VolumeError(v, className[v], bvals[v], v == reference, d.mean(), d.median(), d.max(),
                    Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]), Math.toDegrees(rotationAngle(r.rotation()))));
        }
        List<ClassSummary> summaries = new ArrayList<>();
        for (Shell s : classes) {
            summaries.add(summarise(className[s.volumes()[0]], s.bValue(), volumes, s.volumes()));
        }
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        summaries.add(summarise("all", Double.NaN, volumes, all));
        return new EvaluationResult(offset, c, reference, maskVoxels, List.copyOf(volumes), List.copyOf(summaries));
    }

    /** {@code b0} for the b=0 class, else {@code b} and the rounded mean b-value ({@code b1000}). */
    public static String className(Shell s) {
        return s.b0() ? "b0" : String.format(Locale.ROOT, "b%d", Math.round(s.bValue()));
    }

    private double[] offsetMatrix(double[] truth, double[] estimate, int reference) {
        int n = truth.length / 16;
        switch (offset) {
            case NONE:
                return Affines.identity();
            case REFERENCE:
                if (reference < 0) {
                    throw new IllegalArgumentException("--offset reference: no truth transform is the identity");
                }
                return discrepancy(truth, estimate, reference);
            default:
                break;
        }
        double[] p = maskCentroid();
        double[][] linear = new double[9][n];
        double[][] atCentroid = new double[3][n];
        double[] q = new double[3];
        for (int v = 0; v < n; v++) {
            double[] d = discrepancy(truth, estimate, v);
            for (int r = 0; r < 3; r++) {
                for (int col = 0; col < 3; col++) {
                    linear[3 * r + col][v] = d[4 * r + col];
                }
            }
            Affines.apply(d, p[0], p[1], p[2], q);
            for (int r = 0; r < 3; r++) {
                atCentroid[r][v] = q[r];
            }
        }
        double[] m = Affines.identity();
        for (int r = 0; r < 3; r++) {
            for (int col = 0; col < 3; col++) {
                m[4 * r + col] = Quantiles.median(linear[3 * r + col]);
            }
        }
        for (int r = 0; r < 3; r++) {
            m[4 * r + 3] = Quantiles.median(atCentroid[r])
                    - (m[4 * r] * p[0] + m[4 * r + 1] * p[1] + m[4 * r + 2] * p[2]);
        }
        return RigidTransform.fromMatrix(m, p).toMatrix();
    }

    /** {@code D_v = T_est,v⁻¹ · T_true,v}: truth reference → estimate reference, as seen by volume v. */
    private static double[] discrepancy(double[] truth, double[] estimate, int v) {
        return Affines.multiply(Affines.invert(get(estimate, v)), get(truth, v), null);
    }

    private double[] maskCentroid() {
        float[] m = mask == null ? null : mask.data();
        double[] sum = new double[3];
        double[] w = new double[3];
        long count = 0;
        int idx = 0;
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++, idx++) {
                    if (m != null && !(m[idx] != 0)) {
                        continue;
                    }
                    grid.indexToWorld(i, j, k, w);
                    sum[0] += w[0];
                    sum[1] += w[1];
                    sum[2] += w[2];
                    count++;
                }
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the mask selects no voxel");
        }
        return new double[] {sum[0] / count, sum[1] / count, sum[2] / count};
    }

    private static ClassSummary summarise(String name, double b, List<VolumeError> volumes, int[] members) {
        double[] err = new double[members.length];
        double[] trans = new double[members.length];
        double[] rot = new double[members.length];
        int k = 0;
        for (int v : members) {
            VolumeError e = volumes.get(v);
            if (e.reference()) {
                continue;
            }
            err[k] = e.meanMm();
            trans[k] = e.translationMm();
            rot[k] = e.rotationDeg();
            k++;
        }
        err = sorted(err, k);
        return new ClassSummary(name, b, k, Quantiles.ofSorted(err, 0.5), Quantiles.ofSorted(err, 0.95),
                k == 0 ? Double.NaN : err[k - 1], Quantiles.ofSorted(sorted(trans, k), 0.5),
                Quantiles.ofSorted(sorted(rot, k), 0.5));
    }

    private static double[] sorted(double[] a, int k) {
        double[] s = Arrays.copyOf(a, k);
        Arrays.sort(s);
        return s;
    }

    /** Angle of a 3×3 rotation (row-major), radians, from its trace; clamped against rounding. */
    private static double rotationAngle(double[] r) {
        double cos = 0.5 * (r[0] + r[4] + r[8] - 1);
        return Math.acos(Math.max(-1, Math.min(1, cos)));
    }

    /** The first volume whose true transform is exactly the identity, or −1. */
    private static int referenceVolume(double[] truth) {
        double[] id = Affines.identity();
        for (int v = 0; v < truth.length / 16; v++) {
            if (Arrays.equals(get(truth, v), id)) {
                return v;
            }
        }
        return -1;
    }

    private static String[] classNames(List<Shell> classes, int n) {
        String[] names = new String[n];
        for (Shell s : classes) {
            for (int v : s.volumes()) {
                if (v < 0 || v >= n || names[v] != null) {
                    throw new IllegalArgumentException("volume classes must hold each of the " + n
                            + " volumes exactly once (volume " + v + ")");
                }
                names[v] = className(s);
            }
        }
        for (int v = 0; v < n; v++) {
            if (names[v] == null) {
                throw new IllegalArgumentException("volume " + v + " is in no volume class");
            }
        }
        return names;
    }

    private static int check(double[] truth, double[] estimate, double[] bvals) {
        if (truth == null || estimate == null || bvals == null || truth.length % 16 != 0 || truth.length == 0) {
            throw new IllegalArgumentException("truth and estimate must be non-empty N×16 arrays, with N b-values");
        }
        int n = truth.length / 16;
        if (estimate.length != truth.length) {
            throw new IllegalArgumentException("the estimate has " + estimate.length / 16.0 + " transforms, the truth "
                    + n);
        }
        if (bvals.length != n) {
            throw new IllegalArgumentException(bvals.length + " b-values for " + n + " transforms");
        }
        for (int i = 0; i < truth.length; i++) {
            if (!Double.isFinite(truth[i]) || !Double.isFinite(estimate[i])) {
                throw new IllegalArgumentException("non-finite transform value in volume " + i / 16);
            }
        }
        return n;
    }

    private static double[] get(double[] transforms, int v) {
        return Arrays.copyOfRange(transforms, 16 * v, 16 * v + 16);
    }
}
