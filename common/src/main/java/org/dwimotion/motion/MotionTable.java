package org.dwimotion.motion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.registration.transform.EddyTransform;

/**
 * The per-volume motion table of a series, written as {@code _desc-hmc_motion.tsv}.
 *
 * <p>Rows are volumes in acquisition order (row i = volume i, 0-based), tab-separated, one header line. Columns:
 * <ul>
 *   <li>{@code trans_x trans_y trans_z} (mm), {@code rot_x rot_y rot_z} (radians): {@link MotionParameters}.</li>
 *   <li>{@code framewise_displacement} (mm): {@link FramewiseDisplacement}, {@code n/a} on the first row.</li>
 *   <li>{@code rms_displacement_ref}, {@code rms_displacement_prev} (mm): {@link RmsDisplacement} over the brain
 *       mask, relative to the reference and to the previous volume.</li>
 *   <li>{@code fd_outlier}: 1 when the framewise displacement exceeds the threshold, else 0.</li>
 *   <li>{@code bval} (s/mm²) and {@code grad_x grad_y grad_z}: the gradient as acquired, FSL frame (the input
 *       {@code .bvec}; the rotated vectors are in {@code _desc-preproc_dwi.bvec}).</li>
 *   <li>{@code registration_metric} (final normalised metric, {@code n/a} when not finite),
 *       {@code registration_converged} (1/0), {@code registration_status} (a {@code RegistrationStatus} name),
 *       {@code registration_iterations}.</li>
 *   <li>Affine mode only: {@link AffineDecomposition#COLUMNS} (dimensionless stretch tensor); with a known
 *       phase-encoding direction u also {@link #EDDY_COLUMNS}, the eddy coefficients e of each transform read as an
 *       {@link EddyTransform} (displacement along u per mm along world x, y, z; dimensionless), and then the motion
 *       columns and the framewise displacement are those of its rigid part (head motion; the polar rotation would
 *       count part of a PE shear as rotation).</li>
 * </ul>
 *
 * @param parameters  N×6 motion parameters
 * @param fd          N framewise displacements (first NaN)
 * @param rmsRef      N RMS displacements relative to the reference
 * @param rmsPrev     N RMS displacements relative to the previous volume
 * @param gradients   the acquired gradient table
 * @param diagnostics per-volume registration outcome
 * @param stretch     N×6 stretch tensors (affine mode), or null (rigid mode)
 * @param eddy        N×3 eddy coefficients (affine mode with a phase-encoding direction), or null
 * @param fdThreshold FD above which a volume is flagged, mm
 */
public record MotionTable(double[] parameters, double[] fd, double[] rmsRef, double[] rmsPrev, GradientTable gradients,
                          RegistrationDiagnostics diagnostics, double[] stretch, double[] eddy, double fdThreshold) {
    /** The default framewise-displacement threshold for flagging a volume, mm. */
    public static final double DEFAULT_FD_THRESHOLD_MM = 0.5;
    /** Eddy coefficient columns (affine mode with a phase-encoding direction). */
    public static final String[] EDDY_COLUMNS = {"eddy_x", "eddy_y", "eddy_z"};

    /**
     * Computes every column from the transforms.
     *
     * @param transforms N×16 fixed → moving, world RAS mm, flattened. Not modified.
     * @param grid       the reference grid (its field-of-view centre is the rotation centre)
     * @param mask       brain mask on {@code grid} for the RMS displacement, or null for the whole grid
     * @param affine     whether to add the stretch columns
     * @param phaseEncoding affine mode: the unit phase-encoding direction (world RAS) to read the eddy columns and
     *                   the rigid part along, or null (no eddy columns; motion columns from the polar rotation)
     */
    public static MotionTable compute(double[] transforms, ImageGeometry grid, Image3D mask, GradientTable gradients,
                                      RegistrationDiagnostics diagnostics, boolean affine, double[] phaseEncoding,
                                      double fdThreshold) {
        int n = gradients.size();
        if (transforms.length != 16 * n || diagnostics.size() != n) {
            throw new IllegalArgumentException("series of " + n + " volumes has " + transforms.length / 16.0
                    + " transforms and " + diagnostics.size() + " registration results");
        }
        if (!(fdThreshold > 0)) {
            throw new IllegalArgumentException("FD threshold must be > 0 mm: " + fdThreshold);
        }
        double[] centre = grid.fieldOfViewCentre();
        double[] eddy = affine && phaseEncoding != null ? new double[3 * n] : null;
        double[] p = eddy != null ? rigidAndEddyParts(transforms, centre, phaseEncoding, eddy)
                : MotionParameters.of(transforms, centre);
        double[][] rms = new RmsDisplacement(grid, mask).series(transforms);
        return new MotionTable(p, FramewiseDisplacement.of(p), rms[0], rms[1], gradients, diagnostics,
                affine ? AffineDecomposition.of(transforms) : null, eddy, fdThreshold);
    }

    /** As {@link #compute(double[], ImageGeometry, Image3D, GradientTable, RegistrationDiagnostics, boolean, double[],
     * double)} without a phase-encoding direction (affine mode: stretch columns only, polar rotation). */
    public static MotionTable compute(double[] transforms, ImageGeometry grid, Image3D mask, GradientTable gradients,
                                      RegistrationDiagnostics diagnostics, boolean affine, double fdThreshold) {
        return compute(transforms, grid, mask, gradients, diagnostics, affine, null, fdThreshold);
    }

    /** N×6 rigid parameters of each transform read as an {@link EddyTransform} about {@code centre}; e into eddy. */
    private static double[] rigidAndEddyParts(double[] transforms, double[] centre, double[] pe, double[] eddy) {
        int n = transforms.length / 16;
        double[] out = new double[MotionParameters.COUNT * n];
        double[] m = new double[16];
        for (int v = 0; v < n; v++) {
            System.arraycopy(transforms, 16 * v, m, 0, 16);
            double[] q;
            try {
                q = EddyTransform.fromMatrix(m, centre, pe).getParameters();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("transform of volume " + v + ": " + e.getMessage(), e);
            }
            System.arraycopy(q, 0, out, MotionParameters.COUNT * v, MotionParameters.COUNT);
            System.arraycopy(q, MotionParameters.COUNT, eddy, 3 * v, 3);
        }
        return out;
    }

    public int size() {
        return fd.length;
    }

    /** Whether volume v's framewise displacement exceeds the threshold. */
    public boolean flagged(int v) {
        return fd[v] > fdThreshold;
    }

    /** Volumes flagged by {@link #flagged}, ascending. */
    public int[] flaggedVolumes() {
        return java.util.stream.IntStream.range(0, size()).filter(this::flagged).toArray();
    }

    /** Parameter a (0..5) of volume v. */
    public double parameter(int v, int a) {
        return parameters[6 * v + a];
    }

    /** The column names, in order. */
    public List<String> columns() {
        List<String> c = new ArrayList<>(List.of("trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z",
                "framewise_displacement", "rms_displacement_ref", "rms_displacement_prev", "fd_outlier", "bval",
                "grad_x", "grad_y", "grad_z", "registration_metric", "registration_converged",
                "registration_status", "registration_iterations"));
        if (stretch != null) {
            c.addAll(List.of(AffineDecomposition.COLUMNS));
        }
        if (eddy != null) {
            c.addAll(List.of(EDDY_COLUMNS));
        }
        return c;
    }

    /** The TSV text. */
    public String tsv() {
        StringBuilder b = new StringBuilder(String.join("\t", columns())).append('\n');
        double[] metric = diagnostics.metric();
        int[] iterations = diagnostics.iterations();
        org.dwimotion.registration.method.RegistrationStatus[] status = diagnostics.status();
        for (int v = 0; v < size(); v++) {
            for (int a = 0; a < 6; a++) {
                b.append(fixed(parameters[6 * v + a], a < 3 ? 6 : 9)).append('\t');
            }
            b.append(v == 0 || !Double.isFinite(fd[v]) ? "n/a" : fixed(fd[v], 6)).append('\t');
            b.append(fixed(rmsRef[v], 6)).append('\t').append(fixed(rmsPrev[v], 6)).append('\t');
            b.append(flagged(v) ? 1 : 0).append('\t');
            double bval = gradients.bval(v);
            b.append(bval == Math.rint(bval) ? Long.toString((long) bval) : fixed(bval, 3));
            for (int c = 0; c < 3; c++) {
                b.append('\t').append(fixed(gradients.bvec(v, c), 6));
            }
            b.append('\t').append(Double.isFinite(metric[v]) ? String.format(Locale.ROOT, "%.6g", metric[v]) : "n/a");
            b.append('\t').append(status[v] == org.dwimotion.registration.method.RegistrationStatus.CONVERGED ? 1 : 0);
            b.append('\t').append(status[v].name());
            b.append('\t').append(iterations[v]);
            if (stretch != null) {
                for (int c = 0; c < AffineDecomposition.COUNT; c++) {
                    b.append('\t').append(fixed(stretch[AffineDecomposition.COUNT * v + c], 8));
                }
            }
            if (eddy != null) {
                for (int c = 0; c < 3; c++) {
                    b.append('\t').append(fixed(eddy[3 * v + c], 8));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String fixed(double x, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", x);
        // no "-0.000000": a sign on a value that rounds to zero is noise
        return s.matches("-0\\.0*") ? s.substring(1) : s;
    }
}
