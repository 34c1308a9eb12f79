package org.dwimotion.io.nifti;

import org.dwimotion.image.Rotations;

/**
 * Conversions between a NIfTI qform (quaternion b, c, d; offsets; voxel sizes; qfac) and a 4×4
 * voxel-to-world affine, following {@code nifti1.h} (method 2):
 * <pre>
 *   [x y z]ᵀ = R · [pixdim1·i, pixdim2·j, qfac·pixdim3·k]ᵀ + [qoffset_x, qoffset_y, qoffset_z]ᵀ
 * </pre>
 * with R the rotation of the unit quaternion (a, b, c, d), a = sqrt(1 − b² − c² − d²).
 * Affines are row-major {@code double[16]}, world RAS mm.
 */
public final class QformOps {
    private QformOps() {
    }

    /**
     * The qform affine. Non-positive voxel sizes are taken as 1 and qfac is ±1 by its sign, as
     * nifti1_io's {@code nifti_quatern_to_mat44} does.
     */
    public static double[] toAffine(double b, double c, double d, double qx, double qy, double qz,
                                    double dx, double dy, double dz, double qfac) {
        double a = 1.0 - (b * b + c * c + d * d);
        if (a < 1e-7) {
            // not a unit quaternion: renormalise (b, c, d) and take a 180° rotation
            double s = 1.0 / Math.sqrt(b * b + c * c + d * d);
            b *= s;
            c *= s;
            d *= s;
            a = 0;
        } else {
            a = Math.sqrt(a);
        }
        double xd = dx > 0 ? dx : 1;
        double yd = dy > 0 ? dy : 1;
        double zd = dz > 0 ? dz : 1;
        if (qfac < 0) {
            zd = -zd;
        }
        return new double[] {
                (a * a + b * b - c * c - d * d) * xd, 2 * (b * c - a * d) * yd, 2 * (b * d + a * c) * zd, qx,
                2 * (b * c + a * d) * xd, (a * a + c * c - b * b - d * d) * yd, 2 * (c * d - a * b) * zd, qy,
                2 * (b * d - a * c) * xd, 2 * (c * d + a * b) * yd, (a * a + d * d - c * c - b * b) * zd, qz,
                0, 0, 0, 1};
    }

    /**
     * The qform that best represents an affine: voxel sizes are the column norms, the rotation is the
     * orthogonal polar factor of the column-normalised 3×3 (so sheared affines get the nearest rigid
     * qform), and qfac = −1 when the determinant is negative.
     *
     * @param affine 16 values row-major. Not modified.
     * @return {b, c, d, qoffset_x, qoffset_y, qoffset_z, dx, dy, dz, qfac}
     */
    public static double[] fromAffine(double[] affine) {
        double[] m = Rotations.linearPart(affine);
        double[] size = new double[3];
        for (int col = 0; col < 3; col++) {
            double n = Math.sqrt(m[col] * m[col] + m[3 + col] * m[3 + col] + m[6 + col] * m[6 + col]);
            if (n == 0) {
                // a degenerate column: use the unit axis so that a rotation still exists
                m[col * 3 + col] = 1;
                n = 1;
            } else {
                for (int r = 0; r < 3; r++) {
                    m[r * 3 + col] /= n;
                }
            }
            size[col] = n;
        }
        double[] r = Rotations.polarOrthogonal(m);
        double qfac = 1;
        if (Rotations.det(r) < 0) {
            qfac = -1;
            r[2] = -r[2];
            r[5] = -r[5];
            r[8] = -r[8];
        }
        double[] q = quaternion(r);
        return new double[] {q[1], q[2], q[3], affine[3], affine[7], affine[11], size[0], size[1], size[2], qfac};
    }

    /** Unit quaternion (a, b, c, d) with a ≥ 0 of a proper rotation matrix (row-major 3×3). */
    static double[] quaternion(double[] r) {
        double r11 = r[0], r12 = r[1], r13 = r[2];
        double r21 = r[3], r22 = r[4], r23 = r[5];
        double r31 = r[6], r32 = r[7], r33 = r[8];
        double a = r11 + r22 + r33 + 1;
        double b, c, d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r32 - r23) / a;
            c = 0.25 * (r13 - r31) / a;
            d = 0.25 * (r21 - r12) / a;
        } else {
            double xd = 1 + r11 - (r22 + r33);
            double yd = 1 + r22 - (r11 + r33);
            double zd = 1 + r33 - (r11 + r22);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r12 + r21) / b;
                d = 0.25 * (r13 + r31) / b;
                a = 0.25 * (r32 - r23) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r12 + r21) / c;
                d = 0.25 * (r23 + r32) / c;
                a = 0.25 * (r13 - r31) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r13 + r31) / d;
                c = 0.25 * (r23 + r32) / d;
                a = 0.25 * (r21 - r12) / d;
            }
            if (a < 0) {
                a = -a;
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new double[] {a, b, c, d};
    }
}
