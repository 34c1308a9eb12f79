package org.dwimotion.motion;

import org.dwimotion.registration.transform.RigidTransform;

/**
 * The six rigid motion parameters of each volume's transform.
 *
 * <p>Per volume {@code [trans_x, trans_y, trans_z, rot_x, rot_y, rot_z]}: translations in mm along the world
 * RAS axes, rotations in radians about them, of the rigid part of the fixed → moving transform about a centre
 * c (the reference grid's field-of-view centre): {@code T(x) = R·(x − c) + c + t}, {@code R = Rz·Ry·Rx}, as
 * {@link RigidTransform#fromMatrix} extracts them. An affine transform is first projected onto its nearest
 * rotation (the orthogonal polar factor, the same R that rotates the b-vectors); t is then the displacement of
 * the centre.
 */
public final class MotionParameters {
    /** Parameters per volume. */
    public static final int COUNT = 6;

    private MotionParameters() {
    }

    /**
     * @param transforms N×16 row-major fixed → moving matrices, world RAS mm, flattened. Not modified.
     * @param centre     rotation centre, world RAS mm (3 values). Not modified.
     * @return N×6 row-major, mm and radians
     */
    public static double[] of(double[] transforms, double[] centre) {
        if (transforms == null || transforms.length % 16 != 0) {
            throw new IllegalArgumentException("transforms must hold N x 16 values");
        }
        int n = transforms.length / 16;
        double[] out = new double[COUNT * n];
        double[] m = new double[16];
        for (int v = 0; v < n; v++) {
            System.arraycopy(transforms, 16 * v, m, 0, 16);
            try {
                System.arraycopy(RigidTransform.fromMatrix(m, centre).getParameters(), 0, out, COUNT * v, COUNT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("transform of volume " + v + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
