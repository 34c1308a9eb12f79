package org.dwimotion.registration.transform;

/**
 * A parametric spatial transform in world RAS mm, mapping a point of the fixed (reference) space to
 * the moving image: the ITK/ANTs "fixed → moving" convention (see {@link org.dwimotion.Conventions}).
 *
 * <p>Every transform here is affine: {@code T(x) = A (x - c) + c + t}, where the centre {@code c}
 * (the fixed parameters) is not optimised. Implementations are mutable and not thread-safe;
 * {@link #copy()} gives an independent one.
 */
public interface Transform {
    /** Number of optimised parameters P. */
    int numberOfParameters();

    /** Copy of the P parameters (layout documented by each implementation). */
    double[] getParameters();

    /** @param parameters P values. Not modified. */
    void setParameters(double[] parameters);

    /** Copy of the fixed parameters: the centre (cx, cy, cz) in world mm. */
    double[] getFixedParameters();

    /** @param centre 3 values, world mm. Not modified. The parameters keep their values. */
    void setFixedParameters(double[] centre);

    /** Sets the parameters of the identity map (the centre is kept). */
    void setIdentity();

    /** The transform as a new 4×4 row-major homogeneous matrix (fixed → moving, world mm). */
    double[] toMatrix();

    /**
     * Sets the parameters so that {@link #toMatrix()} equals {@code matrix} (the centre is kept).
     * Transform families smaller than affine project onto themselves and say how in their javadoc.
     *
     * @param matrix 16 values, row-major 4×4. Not modified.
     * @throws IllegalArgumentException when the matrix cannot be represented
     */
    void setMatrix(double[] matrix);

    /**
     * Jacobian of T(x) with respect to the parameters at world point x.
     *
     * @param jacobian 3×P row-major ({@code jacobian[r * P + p] = dT_r / dparam_p}), mm per unit
     *                 of the parameter. Modified.
     */
    void computeJacobianWithRespectToParameters(double x, double y, double z, double[] jacobian);

    /** An independent copy (same parameters and centre). */
    Transform copy();

    /** @param out length ≥ 3, receives T(x). Modified. */
    default void transformPoint(double x, double y, double z, double[] out) {
        double[] m = toMatrix();
        org.dwimotion.image.Affines.apply(m, x, y, z, out);
    }
}
