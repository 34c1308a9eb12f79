package org.dwimotion.registration.transform;

/** Shared argument checks and the centred-matrix assembly of the transforms in this package. */
final class TransformChecks {
    private TransformChecks() {
    }

    static void checkCentre(double[] c) {
        if (c == null || c.length != 3 || !Double.isFinite(c[0]) || !Double.isFinite(c[1]) || !Double.isFinite(c[2])) {
            throw new IllegalArgumentException("the centre must hold 3 finite values (world mm)");
        }
    }

    static void checkMatrix(double[] m) {
        if (m == null || m.length != 16) {
            throw new IllegalArgumentException("a transform matrix must hold 16 values (4x4 row-major)");
        }
        for (double v : m) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("transform matrix has a non-finite value");
            }
        }
        if (m[12] != 0 || m[13] != 0 || m[14] != 0 || m[15] != 1) {
            throw new IllegalArgumentException("transform matrix last row must be (0, 0, 0, 1)");
        }
    }

    /**
     * 4×4 row-major matrix of {@code x -> A (x - c) + c + t}.
     *
     * @param a 3×3 row-major in its first 9 entries. Not modified.
     */
    static double[] centredMatrix(double[] a, double[] c, double tx, double ty, double tz) {
        double[] m = new double[16];
        double[] t = {tx, ty, tz};
        for (int row = 0; row < 3; row++) {
            double a0 = a[row * 3], a1 = a[row * 3 + 1], a2 = a[row * 3 + 2];
            m[row * 4] = a0;
            m[row * 4 + 1] = a1;
            m[row * 4 + 2] = a2;
            m[row * 4 + 3] = c[row] + t[row] - (a0 * c[0] + a1 * c[1] + a2 * c[2]);
        }
        m[15] = 1;
        return m;
    }
}
