package org.dwimotion.sim;

/**
 * Six rigid-motion parameters of one volume: translations (mm, world RAS) and Euler angles
 * (radians). See {@link MotionModel} for the transform they define.
 */
public record RigidMotion(double transX, double transY, double transZ, double rotX, double rotY, double rotZ) {
    public static final RigidMotion IDENTITY = new RigidMotion(0, 0, 0, 0, 0, 0);

    /** The parameters in TSV/JSON order: trans_x, trans_y, trans_z, rot_x, rot_y, rot_z. */
    public double[] toArray() {
        return new double[] {transX, transY, transZ, rotX, rotY, rotZ};
    }

    public static RigidMotion of(double[] p) {
        return new RigidMotion(p[0], p[1], p[2], p[3], p[4], p[5]);
    }
}
