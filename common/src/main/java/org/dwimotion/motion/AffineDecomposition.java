package org.dwimotion.motion;

import org.dwimotion.image.Rotations;

/**
 * The non-rigid part of an affine transform, by polar decomposition of its 3×3 block: {@code A = R·P},
 * R the nearest rotation (orthogonal polar factor, the rotation reported as {@code rot_*} and applied to the
 * b-vectors) and P = Rᵀ·A the symmetric positive-definite stretch, in world RAS axes. A rigid transform has
 * P = I; eddy-current distortion along the phase-encoding axis shows as {@code stretch_yy ≠ 1} (scaling)
 * and {@code stretch_xy}, {@code stretch_yz ≠ 0} (shears). P's diagonal is the stretch along each axis
 * (dimensionless, 1 = none); off-diagonals are shear strains (dimensionless, 0 = none).
 */
public final class AffineDecomposition {
    /** Stretch values per volume, in {@link #COLUMNS} order. */
    public static final int COUNT = 6;
    /** Column names: P00, P11, P22, P01, P02, P12. */
    public static final String[] COLUMNS = {"stretch_xx", "stretch_yy", "stretch_zz", "stretch_xy", "stretch_xz",
            "stretch_yz"};

    private AffineDecomposition() {
    }

    /**
     * The stretch of one affine.
     *
     * @param affine 4×4 row-major; its 3×3 block must have a positive determinant. Not modified.
     * @return {@code [P00, P11, P22, P01, P02, P12]}
     */
    public static double[] stretch(double[] affine) {
        double[] a = Rotations.linearPart(affine);
        if (!(Rotations.det(a) > 0)) {
            throw new IllegalArgumentException("affine has no proper rotation part (det of 3x3 <= 0)");
        }
        double[] r = Rotations.polarOrthogonal(a);
        double[] p = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                p[3 * i + j] = r[i] * a[j] + r[3 + i] * a[3 + j] + r[6 + i] * a[6 + j];
            }
        }
        // P is symmetric in exact arithmetic; average away the rounding
        return new double[] {p[0], p[4], p[8], 0.5 * (p[1] + p[3]), 0.5 * (p[2] + p[6]), 0.5 * (p[5] + p[7])};
    }

    /**
     * @param transforms N×16 row-major, flattened. Not modified.
     * @return N×6 row-major stretches
     */
    public static double[] of(double[] transforms) {
        int n = transforms.length / 16;
        double[] out = new double[COUNT * n];
        double[] m = new double[16];
        for (int v = 0; v < n; v++) {
            System.arraycopy(transforms, 16 * v, m, 0, 16);
            System.arraycopy(stretch(m), 0, out, COUNT * v, COUNT);
        }
        return out;
    }
}
