package org.dwimotion.image;

/**
 * Small operations on 4×4 homogeneous affines stored row-major in {@code double[16]}.
 * The last row is assumed to be (0, 0, 0, 1); it is carried through but never inverted generally.
 */
public final class Affines {
    private Affines() {
    }

    public static double[] identity() {
        return new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    }

    /** out = a · b. {@code out} may alias neither input. Returns a new array when out is null. */
    public static double[] multiply(double[] a, double[] b, double[] out) {
        if (out == null) {
            out = new double[16];
        }
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += a[r * 4 + k] * b[k * 4 + c];
                }
                out[r * 4 + c] = s;
            }
        }
        return out;
    }

    /** Applies the affine to point (x, y, z); out receives 3 values. */
    public static void apply(double[] m, double x, double y, double z, double[] out) {
        double ox = m[0] * x + m[1] * y + m[2] * z + m[3];
        double oy = m[4] * x + m[5] * y + m[6] * z + m[7];
        double oz = m[8] * x + m[9] * y + m[10] * z + m[11];
        out[0] = ox;
        out[1] = oy;
        out[2] = oz;
    }

    /** Determinant of the upper-left 3×3 block. */
    public static double det3(double[] m) {
        return m[0] * (m[5] * m[10] - m[6] * m[9])
                - m[1] * (m[4] * m[10] - m[6] * m[8])
                + m[2] * (m[4] * m[9] - m[5] * m[8]);
    }

    /**
     * Inverse of an affine (3×3 block inverted by cofactors, translation solved).
     *
     * @throws IllegalArgumentException when the 3×3 block is singular
     */
    public static double[] invert(double[] m) {
        double det = det3(m);
        if (!(Math.abs(det) > 1e-300) || !Double.isFinite(det)) {
            throw new IllegalArgumentException("affine is singular (det of 3x3 = " + det + ")");
        }
        double[] r = new double[16];
        double inv = 1.0 / det;
        r[0] = (m[5] * m[10] - m[6] * m[9]) * inv;
        r[1] = (m[2] * m[9] - m[1] * m[10]) * inv;
        r[2] = (m[1] * m[6] - m[2] * m[5]) * inv;
        r[4] = (m[6] * m[8] - m[4] * m[10]) * inv;
        r[5] = (m[0] * m[10] - m[2] * m[8]) * inv;
        r[6] = (m[2] * m[4] - m[0] * m[6]) * inv;
        r[8] = (m[4] * m[9] - m[5] * m[8]) * inv;
        r[9] = (m[1] * m[8] - m[0] * m[9]) * inv;
        r[10] = (m[0] * m[5] - m[1] * m[4]) * inv;
        r[3] = -(r[0] * m[3] + r[1] * m[7] + r[2] * m[11]);
        r[7] = -(r[4] * m[3] + r[5] * m[7] + r[6] * m[11]);
        r[11] = -(r[8] * m[3] + r[9] * m[7] + r[10] * m[11]);
        r[15] = 1;
        return r;
    }
}
