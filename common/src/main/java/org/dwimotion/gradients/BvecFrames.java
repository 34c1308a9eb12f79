package org.dwimotion.gradients;

import org.dwimotion.image.Rotations;

/**
 * Frames of b-vectors and their reorientation.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li><b>FSL/BIDS frame</b> (vectors on disk and in {@link GradientTable#bvecs()}): unit directions
 *       along the image's voxel axes (i, j, k), with the i component negated when the determinant of
 *       the voxel-to-world 3×3 is positive (FSL's radiological convention: a vector reads the same for an
 *       LAS-stored and an RAS-stored copy of an image).</li>
 *   <li><b>World</b>: RAS+ directions ({@link org.dwimotion.Conventions}). With U the orthogonal polar factor
 *       of the voxel-to-world 3×3 (its rotation, or rotation with mirror; voxel sizes and shear removed)
 *       and F = diag(−1, 1, 1) when det &gt; 0, else the identity:
 *       {@code world = U · F · fsl} and {@code fsl = F · Uᵀ · world}.</li>
 *   <li><b>Reorientation</b>: a registration transform T maps a point of the reference (fixed) space to
 *       the moving volume (ITK "fixed → moving"). Tissue seen along direction d in the reference appears
 *       along R·d in the moving volume (R = rotation part of T, polar factor for an affine T), so the
 *       gradient that acquired volume v, expressed in the reference, is {@code Rᵀ · g_world}.</li>
 *   <li>DIPY uses the file's vectors directly as voxel-axis directions (no x flip); a model fitted in
 *       the voxel frame as DIPY does uses {@link GradientTable#bvecs()} unchanged.</li>
 * </ul>
 * Arrays of vectors are N×3 row-major; affines are 4×4 row-major {@code double[16]}.
 */
public final class BvecFrames {
    private BvecFrames() {
    }

    /**
     * FSL-frame vectors to world RAS directions.
     *
     * @param fslNx3       3N values, row-major N×3. Not modified.
     * @param voxelToWorld the image's 4×4 affine. Not modified.
     * @return a new N×3 array (zero vectors stay zero)
     */
    public static double[] fslToWorld(double[] fslNx3, double[] voxelToWorld) {
        double[] u = Rotations.orthogonalPart(voxelToWorld);
        double flip = Rotations.det(Rotations.linearPart(voxelToWorld)) > 0 ? -1 : 1;
        double[] out = new double[fslNx3.length];
        for (int v = 0; v < fslNx3.length / 3; v++) {
            double x = flip * fslNx3[3 * v], y = fslNx3[3 * v + 1], z = fslNx3[3 * v + 2];
            for (int r = 0; r < 3; r++) {
                out[3 * v + r] = u[3 * r] * x + u[3 * r + 1] * y + u[3 * r + 2] * z;
            }
        }
        return out;
    }

    /** World RAS directions to the FSL frame of an image: the inverse of {@link #fslToWorld}. */
    public static double[] worldToFsl(double[] worldNx3, double[] voxelToWorld) {
        double[] u = Rotations.orthogonalPart(voxelToWorld);
        double flip = Rotations.det(Rotations.linearPart(voxelToWorld)) > 0 ? -1 : 1;
        double[] out = new double[worldNx3.length];
        for (int v = 0; v < worldNx3.length / 3; v++) {
            double x = worldNx3[3 * v], y = worldNx3[3 * v + 1], z = worldNx3[3 * v + 2];
            for (int c = 0; c < 3; c++) {
                out[3 * v + c] = u[c] * x + u[3 + c] * y + u[6 + c] * z;
            }
            out[3 * v] *= flip;
        }
        return out;
    }

    /**
     * The rotation part of a fixed → moving transform: the orthogonal polar factor of its 3×3 (exact for
     * a rigid transform; for an affine, scaling and shear are removed).
     *
     * @param transform 4×4 row-major. Not modified.
     * @return 3×3 row-major rotation
     * @throws IllegalArgumentException when the 3×3 is singular or mirrors (det ≤ 0)
     */
    public static double[] rotationOf(double[] transform) {
        if (!(Rotations.det(Rotations.linearPart(transform)) > 0)) {
            throw new IllegalArgumentException("transform has no proper rotation part (det of 3x3 <= 0)");
        }
        return Rotations.orthogonalPart(transform);
    }

    /**
     * Expresses one world gradient in the reference space of a fixed → moving transform: {@code Rᵀ · g}.
     *
     * @param world     3 values. Not modified.
     * @param transform 4×4 fixed → moving. Not modified.
     * @param out       receives 3 values; may alias {@code world}. Modified.
     */
    public static void toReference(double[] world, double[] transform, double[] out) {
        double[] r = rotationOf(transform);
        double x = world[0], y = world[1], z = world[2];
        for (int c = 0; c < 3; c++) {
            out[c] = r[c] * x + r[3 + c] * y + r[6 + c] * z;
        }
    }
}
