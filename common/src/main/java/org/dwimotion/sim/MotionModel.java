package org.dwimotion.sim;

import org.dwimotion.image.Affines;
import org.dwimotion.registration.transform.RigidTransform;

/**
 * The one place where the simulator turns motion parameters into matrices.
 *
 * <h2>Rigid head motion</h2>
 * The parameters and Euler convention are those of the registration's
 * {@link RigidTransform}, so estimated and true parameters compare one to one.
 * For parameters (t, θx, θy, θz) and centre c (the centre of the field of view, world RAS mm):
 * <pre>
 *   T(x) = R · (x − c) + c + t,     R = Rz(θz) · Ry(θy) · Rx(θx)
 * </pre>
 * with right-handed rotations about the world axes (Rx(θ) turns +y towards +z, Ry(θ) turns +z
 * towards +x, Rz(θ) turns +x towards +y); Rx is applied first. T is the "fixed → moving" transform
 * of {@link org.dwimotion.Conventions}: the anatomy at point x of the reference (volume 0) image is
 * found at T(x) in the moved volume.
 *
 * <h2>Gradients</h2>
 * A head turned by R sees the scanner-frame gradient g as Rᵀ·g in its own (reference) frame, so the
 * signal of a moved volume is the reference tissue's signal for Rᵀ·g.
 *
 * <h2>Eddy-current-like distortion</h2>
 * A linear displacement along the phase-encoding axis (world y here) in the scanner frame:
 * <pre>   E(x) = x + ŷ · e · (x − c),     e = fraction · (b / bmax) · g </pre>
 * (g the unit scanner-frame gradient): g_x shears y along x, g_y scales y, g_z shears y along z.
 * b=0 volumes have e = 0. The full truth transform of a volume is E ∘ T (motion, then distortion).
 */
public final class MotionModel {
    private MotionModel() {
    }

    /**
     * R = Rz·Ry·Rx, from the shared {@link RigidTransform} (same parameters and Euler convention).
     *
     * @return row-major 3×3
     */
    public static double[] rotation(double rotX, double rotY, double rotZ) {
        return new RigidTransform(new double[3], new double[] {0, 0, 0, rotX, rotY, rotZ}).rotation();
    }

    /** The fixed → moving affine T(x) = R(x − c) + c + t, 4×4 row-major ({@link RigidTransform#toMatrix()}). */
    public static double[] rigidAffine(RigidMotion m, double[] centre) {
        return new RigidTransform(centre, m.toArray()).toMatrix();
    }

    /** Rᵀ·g: the scanner-frame gradient seen in the moved head's (reference) frame; out length ≥ 3. */
    public static void gradientInHeadFrame(RigidMotion m, double gx, double gy, double gz, double[] out) {
        double[] r = rotation(m.rotX(), m.rotY(), m.rotZ());
        out[0] = r[0] * gx + r[3] * gy + r[6] * gz;
        out[1] = r[1] * gx + r[4] * gy + r[7] * gz;
        out[2] = r[2] * gx + r[5] * gy + r[8] * gz;
    }

    /**
     * The eddy displacement coefficients e = fraction · (b / bmax) · g (y displacement per mm of x, y, z).
     *
     * @return length 3
     */
    public static double[] eddyCoefficients(double fraction, double b, double bMax, double gx, double gy, double gz) {
        double s = bMax > 0 ? fraction * b / bMax : 0;
        return new double[] {s * gx, s * gy, s * gz};
    }

    /** E(x) = x + ŷ·e·(x − c), 4×4 row-major. */
    public static double[] eddyAffine(double[] e, double[] centre) {
        double[] a = Affines.identity();
        a[4] = e[0];
        a[5] = 1 + e[1];
        a[6] = e[2];
        a[7] = -(e[0] * centre[0] + e[1] * centre[1] + e[2] * centre[2]);
        return a;
    }

    /** The truth transform E ∘ T of one volume (fixed → moving), 4×4 row-major. */
    public static double[] volumeTransform(RigidMotion m, double[] eddy, double[] centre) {
        return Affines.multiply(eddyAffine(eddy, centre), rigidAffine(m, centre), null);
    }
}
