package org.dwimotion.image;

/**
 * 3×3 matrix helpers for the rotation part of affines. Matrices are row-major {@code double[9]};
 * affines are row-major {@code double[16]} (see {@link Affines}).
 */
public final class Rotations {
    private static final int MAX_ITERATIONS = 100;

    private Rotations() {
    }

    /** The upper-left 3×3 block of a 4×4 affine, row-major. */
    public static double[] linearPart(double[] affine) {
        return new double[] {
                affine[0], affine[1], affine[2],
                affine[4], affine[5], affine[6],
                affine[8], affine[9], affine[10]};
    }

    /** Determinant of a 3×3 matrix. */
    public static double det(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7])
                - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    /**
     * The orthogonal factor U of the polar decomposition M = U·P (P symmetric positive definite):
     * the orthogonal matrix nearest to M. det(U) has the sign of det(M), so a mirrored M gives an
     * improper U. Computed by the scaled Newton iteration U ← (γU + U⁻ᵀ/γ)/2.
     *
     * @param m 9 values, row-major 3×3, non-singular. Not modified.
     * @return a new row-major 3×3 array
     * @throws IllegalArgumentException when m is singular or not finite
     */
    public static double[] polarOrthogonal(double[] m) {
        double[] u = m.clone();
        double[] inv = new double[9];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double d = det(u);
            if (!(Math.abs(d) > 1e-300) || !Double.isFinite(d)) {
                throw new IllegalArgumentException("matrix is singular, it has no rotation part");
            }
            invertTransposed(u, d, inv);
            double gamma = Math.sqrt(Math.sqrt(frob2(inv) / frob2(u)));
            double change = 0;
            for (int i = 0; i < 9; i++) {
                double next = 0.5 * (gamma * u[i] + inv[i] / gamma);
                change = Math.max(change, Math.abs(next - u[i]));
                u[i] = next;
            }
            if (change < 1e-15) {
                break;
            }
        }
        return u;
    }

    /** Rotation (or reflection) part of a 4×4 affine: {@link #polarOrthogonal} of its 3×3 block. */
    public static double[] orthogonalPart(double[] affine) {
        return polarOrthogonal(linearPart(affine));
    }

    /** out = Mᵀ, 3×3. */
    public static double[] transpose(double[] m) {
        return new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]};
    }

    private static double frob2(double[] m) {
        double s = 0;
        for (double v : m) {
            s += v * v;
        }
        return s;
    }

    /** out = (M⁻¹)ᵀ = cofactor(M) / det. */
    private static void invertTransposed(double[] m, double det, double[] out) {
        double inv = 1.0 / det;
        out[0] = (m[4] * m[8] - m[5] * m[7]) * inv;
        out[1] = (m[5] * m[6] - m[3] * m[8]) * inv;
        out[2] = (m[3] * m[7] - m[4] * m[6]) * inv;
        out[3] = (m[2] * m[7] - m[1] * m[8]) * inv;
        out[4] = (m[0] * m[8] - m[2] * m[6]) * inv;
        out[5] = (m[1] * m[6] - m[0] * m[7]) * inv;
        out[6] = (m[1] * m[5] - m[2] * m[4]) * inv;
        out[7] = (m[2] * m[3] - m[0] * m[5]) * inv;
        out[8] = (m[0] * m[4] - m[1] * m[3]) * inv;
    }
}
