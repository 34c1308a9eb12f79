package org.dwimotion.pipeline;

import java.util.Locale;
import org.dwimotion.registration.transform.RigidTransform;

/**
 * Motion parameters and framewise displacement of a series' transforms.
 *
 * <p>Parameters per volume: {@code trans_x, trans_y, trans_z} (mm) and {@code rot_x, rot_y, rot_z} (radians) of
 * the rigid part of the fixed → moving transform about the reference grid's field-of-view centre, as
 * {@link RigidTransform#fromMatrix} extracts them ({@code T(x) = R(x − c) + c + t}, {@code R = Rz·Ry·Rx};
 * affine transforms are projected onto their nearest rotation first).
 *
 * <p>Framewise displacement (Power et al. 2012): {@code FD_v = Σ|Δtrans| + r·Σ|Δrot|} between volume v and
 * v − 1, rotations turned into arc length on a sphere of radius r = {@value #FD_RADIUS_MM} mm; {@code FD_0 = 0}.
 */
public final class MotionTable {
    /** Head radius for the rotational part of the framewise displacement, mm (Power et al.). */
    public static final double FD_RADIUS_MM = 50.0;

    /** The TSV header, tab-separated. */
    public static final String HEADER = "trans_x\ttrans_y\ttrans_z\trot_x\trot_y\trot_z\tframewise_displacement"
            + "\tbval\tmetric\tconverged";

    private MotionTable() {
    }

    /**
     * @param transforms N×16 flattened. Not modified.
     * @param centre     rotation centre, world mm (the reference field-of-view centre). Not modified.
     * @return N×6 row-major {@code [tx, ty, tz, rx, ry, rz]}
     */
    public static double[] parameters(double[] transforms, double[] centre) {
        int n = transforms.length / 16;
        double[] out = new double[6 * n];
        for (int v = 0; v < n; v++) {
            double[] p = RigidTransform.fromMatrix(TransformSet.get(transforms, v), centre).getParameters();
            System.arraycopy(p, 0, out, 6 * v, 6);
        }
        return out;
    }

    /**
     * @param parameters N×6 as from {@link #parameters}. Not modified.
     * @return N framewise displacements, mm
     */
    public static double[] framewiseDisplacement(double[] parameters, double radiusMm) {
        int n = parameters.length / 6;
        double[] fd = new double[n];
        for (int v = 1; v < n; v++) {
            double s = 0;
            for (int a = 0; a < 6; a++) {
                double d = Math.abs(parameters[6 * v + a] - parameters[6 * (v - 1) + a]);
                s += a < 3 ? d : radiusMm * d;
            }
            fd[v] = s;
        }
        return fd;
    }

    /**
     * The motion TSV: {@link #HEADER}, then one row per volume.
     *
     * @param metric    per-volume final registration metric
     * @param converged per-volume convergence flag
     */
    public static String tsv(double[] parameters, double[] fd, double[] bvals, double[] metric, boolean[] converged) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int v = 0; v < fd.length; v++) {
            for (int a = 0; a < 6; a++) {
                b.append(String.format(Locale.ROOT, "%.6f\t", parameters[6 * v + a]));
            }
            b.append(String.format(Locale.ROOT, "%.6f\t%s\t%s\t%s%n", fd[v], JsonText.number(bvals[v]),
                    Double.isFinite(metric[v]) ? String.format(Locale.ROOT, "%.6g", metric[v]) : "n/a",
                    converged[v]));
        }
        return b.toString().replace(System.lineSeparator(), "\n");
    }
}
