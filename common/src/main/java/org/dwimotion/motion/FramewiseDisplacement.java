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
            double s = 0;
            for (int a = 0; a < 6; a++) {
                double d = Math.abs(parameters[6 * v + a] - parameters[6 * (v - 1) + a]);
                s += a < 3 ? d : RADIUS_MM * d;
            }
            fd[v] = s;
        }
        return fd;
    }
}
