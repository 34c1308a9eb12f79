package org.dwimotion.registration.transform;

import java.util.Arrays;

/**
 * Rigid transform (Euler angles) about a fixed centre: {@code T(x) = R (x - c) + c + t}.
 *
 * <p>Parameters (6): {@code [tx, ty, tz, rx, ry, rz]} — translations in mm (world RAS axes),
 * then rotation angles in radians about the world x, y and z axes through the centre c.
 * The rotation is {@code R = Rz(rz) · Ry(ry) · Rx(rx)}: a point is rotated about x first, then y,
 * then z (fixed axes); this is ITK's {@code Euler3DTransform} with {@code ComputeZYX = true}
 * (parameter order differs: translations come first here, as in SPM and FSL motion tables).
 * Each elementary rotation is right-handed: {@code Rz(pi/2)} maps +x to +y.
 *
 * <p>Fixed parameters: the centre c in world mm (by default the centre of the fixed image's field
 * of view). The translation t is the displacement of the centre itself.
 */
public final class RigidTransform implements Transform {
    public static final int NUMBER_OF_PARAMETERS = 6;

    private final double[] centre = new double[3];
    private final double[] params = new double[6];
    /** R and its derivatives w.r.t. rx, ry, rz, 3×3 row-major each, refreshed on every change. */
    private final double[] r = new double[9], drx = new double[9], dry = new double[9], drz = new double[9];

    /** Identity about {@code centre} (3 values, world mm; not modified). */
    public RigidTransform(double[] centre) {
        setFixedParameters(centre);
        update();
    }

    /** @param parameters {@code [tx, ty, tz, rx, ry, rz]} (mm, radians). Not modified. */
    public RigidTransform(double[] centre, double[] parameters) {
        setFixedParameters(centre);
        setParameters(parameters);
    }

    /** A rigid transform about {@code centre} equal to {@code matrix} (projected, see {@link #setMatrix}). */
    public static RigidTransform fromMatrix(double[] matrix, double[] centre) {
        RigidTransform t = new RigidTransform(centre);
        t.setMatrix(matrix);
        return t;
    }

    @Override
    public int numberOfParameters() {
        return NUMBER_OF_PARAMETERS;
    }

    @Override
    public double[] getParameters() {
        return params.clone();
    }

    @Override
    public void setParameters(double[] parameters) {
        if (parameters == null || parameters.length != 6) {
            throw new IllegalArgumentException("a rigid transform has 6 parameters [tx, ty, tz, rx, ry, rz]");
        }
        for (double p : parameters) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("non-finite rigid parameter: " + Arrays.toString(parameters));
            }
        }
        System.arraycopy(parameters, 0, params, 0, 6);
        update();
    }

    @Override
    public double[] getFixedParameters() {
        return centre.clone();
    }

    @Override
    public void setFixedParameters(double[] c) {
        TransformChecks.checkCentre(c);
        System.arraycopy(c, 0, centre, 0, 3);
    }

    @Override
    public void setIdentity() {
        Arrays.fill(params, 0);
        update();
    }

    @Override
    public double[] toMatrix() {
        return TransformChecks.centredMatrix(r, centre, params[0], params[1], params[2]);
    }

    /**
     * Sets the parameters from a 4×4 affine. The 3×3 block is replaced by its nearest rotation
     * (polar decomposition, by Newton iterations {@code R <- (R + R^-T) / 2}), so a rigid matrix
     * with rounding noise, or an affine with small shear/scale, is accepted.
     *
     * <p>Angle extraction for {@code R = Rz Ry Rx}: {@code ry = atan2(-R20, hypot(R00, R10))} in
     * [-pi/2, pi/2], {@code rx = atan2(R21, R22)}, {@code rz = atan2(R10, R00)}. At gimbal lock
     * ({@code |cos ry| < 1e-12}) rz is set to 0 and rx absorbs the rotation.
     *
     * @throws IllegalArgumentException when the 3×3 block is singular or a reflection (det ≤ 0)
     */
    @Override
    public void setMatrix(double[] matrix) {
        TransformChecks.checkMatrix(matrix);
        double[] q = nearestRotation(matrix);
        double cy = Math.hypot(q[0], q[3]);
        double ry = Math.atan2(-q[6], cy);
        double rx;
        double rz;
        if (cy > 1e-12) {
            rx = Math.atan2(q[7], q[8]);
            rz = Math.atan2(q[3], q[0]);
        } else {
            rz = 0;
            rx = Math.atan2(-q[5], q[4]);
        }
        // t = m - c + R c, with the projected R
        double[] c = centre;
        double tx = matrix[3] - c[0] + (q[0] * c[0] + q[1] * c[1] + q[2] * c[2]);
        double ty = matrix[7] - c[1] + (q[3] * c[0] + q[4] * c[1] + q[5] * c[2]);
        double tz = matrix[11] - c[2] + (q[6] * c[0] + q[7] * c[1] + q[8] * c[2]);
        setParameters(new double[] {tx, ty, tz, rx, ry, rz});
    }

    /** Nearest rotation (3×3 row-major) to the 3×3 block of {@code m}. */
    static double[] nearestRotation(double[] m) {
        double[] q = {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]};
        double det = det3(q);
        if (!(det > 1e-12)) {
            throw new IllegalArgumentException("matrix is not a proper rotation (det of 3x3 = " + det
                    + "): a reflection or singular matrix cannot be rigid");
        }
        // scale to unit determinant first so Newton's polar iteration converges fast
        double s = Math.cbrt(det);
        for (int i = 0; i < 9; i++) {
            q[i] /= s;
        }
        double[] inv = new double[9];
        for (int it = 0; it < 50; it++) {
            invertTranspose(q, inv);
            double change = 0;
            for (int i = 0; i < 9; i++) {
                double v = 0.5 * (q[i] + inv[i]);
                change = Math.max(change, Math.abs(v - q[i]));
                q[i] = v;
            }
            if (change < 1e-15) {
                break;
            }
        }
        return q;
    }

    private static double det3(double[] a) {
        return a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6])
                + a[2] * (a[3] * a[7] - a[4] * a[6]);
    }

    /** out = (a^-1)^T for a 3×3 row-major: the cofactor matrix divided by det. */
    private static void invertTranspose(double[] a, double[] out) {
        double inv = 1.0 / det3(a);
        out[0] = (a[4] * a[8] - a[5] * a[7]) * inv;
        out[1] = (a[5] * a[6] - a[3] * a[8]) * inv;
        out[2] = (a[3] * a[7] - a[4] * a[6]) * inv;
        out[3] = (a[2] * a[7] - a[1] * a[8]) * inv;
        out[4] = (a[0] * a[8] - a[2] * a[6]) * inv;
        out[5] = (a[1] * a[6] - a[0] * a[7]) * inv;
        out[6] = (a[1] * a[5] - a[2] * a[4]) * inv;
        out[7] = (a[2] * a[3] - a[0] * a[5]) * inv;
        out[8] = (a[0] * a[4] - a[1] * a[3]) * inv;
    }

    @Override
    public void computeJacobianWithRespectToParameters(double x, double y, double z, double[] jacobian) {
        double dx = x - centre[0], dy = y - centre[1], dz = z - centre[2];
        for (int row = 0; row < 3; row++) {
            int o = row * 6;
            jacobian[o] = row == 0 ? 1 : 0;
            jacobian[o + 1] = row == 1 ? 1 : 0;
            jacobian[o + 2] = row == 2 ? 1 : 0;
            int b = row * 3;
            jacobian[o + 3] = drx[b] * dx + drx[b + 1] * dy + drx[b + 2] * dz;
            jacobian[o + 4] = dry[b] * dx + dry[b + 1] * dy + dry[b + 2] * dz;
            jacobian[o + 5] = drz[b] * dx + drz[b + 1] * dy + drz[b + 2] * dz;
        }
    }

    @Override
    public RigidTransform copy() {
        return new RigidTransform(centre, params);
    }

    /** Rotation matrix (3×3 row-major) for the current angles. */
    public double[] rotation() {
        return r.clone();
    }

    private void update() {
        double cx = Math.cos(params[3]), sx = Math.sin(params[3]);
        double cy = Math.cos(params[4]), sy = Math.sin(params[4]);
        double cz = Math.cos(params[5]), sz = Math.sin(params[5]);
        double[] rxm = {1, 0, 0, 0, cx, -sx, 0, sx, cx};
        double[] rym = {cy, 0, sy, 0, 1, 0, -sy, 0, cy};
        double[] rzm = {cz, -sz, 0, sz, cz, 0, 0, 0, 1};
        double[] drxm = {0, 0, 0, 0, -sx, -cx, 0, cx, -sx};
        double[] drym = {-sy, 0, cy, 0, 0, 0, -cy, 0, -sy};
        double[] drzm = {-sz, -cz, 0, cz, -sz, 0, 0, 0, 0};
        mul3(rzm, mul3(rym, rxm), r);
        mul3(rzm, mul3(rym, drxm), drx);
        mul3(rzm, mul3(drym, rxm), dry);
        mul3(drzm, mul3(rym, rxm), drz);
    }

    private static double[] mul3(double[] a, double[] b) {
        return mul3(a, b, new double[9]);
    }

    private static double[] mul3(double[] a, double[] b, double[] out) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "RigidTransform[centre=" + Arrays.toString(centre) + ", params=" + Arrays.toString(params) + "]";
    }
}
