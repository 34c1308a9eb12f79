package org.dwimotion.motion;

/**
 * Framewise displacement (Power et al. 2012, NeuroImage 59:2142): for volume v,
 * {@code FD_v = |Δtrans_x| + |Δtrans_y| + |Δtrans_z| + r·(|Δrot_x| + |Δrot_y| + |Δrot_z|)}, Δ between volumes
 * v and v − 1, translations in mm, rotations in radians turned into arc length on a sphere of radius
 * r = {@value #RADIUS_MM} mm. FD of the first volume is undefined: {@code NaN} here, {@code n/a} in tables.
 */
public final class FramewiseDisplacement {
    /** Head radius that converts rotations to millimetres (Power et al.). */
    public static final double RADIUS_MM = 50.0;

    private FramewiseDisplacement() {
    }

    /**
     * @param parameters N×6 row-major as from {@link MotionParameters#of} (mm, radians). Not modified.
     * @return N values in mm, the first NaN
     */
    public static double[] of(double[] parameters) {
        int n = parameters.length / MotionParameters.COUNT;
        double[] fd = new double[n];
        if (n > 0) {
            fd[0] = Double.NaN;
        }
        for (int v = 1; v < n; v++) {
            fd[v] = between(parameters, 6 * v, parameters, 6 * (v - 1));
        }
        return fd;
    }

    /**
     * The displacement between two sets of rigid parameters {@code [tx, ty, tz, rx, ry, rz]} (mm, radians) in
     * the same sense as FD: the sum of the absolute translation differences and of the rotation differences as
     * arc length at {@value #RADIUS_MM} mm.
     */
    public static double between(double[] p, int pOffset, double[] q, int qOffset) {
        double s = 0;
        for (int a = 0; a < 6; a++) {
            double d = Math.abs(p[pOffset + a] - q[qOffset + a]);
            s += a < 3 ? d : RADIUS_MM * d;
        }
        return s;
    }
}
