package org.dwimotion.registration.method;

/** Outcome class of a registration. Only the first two carry an estimated transform. */
public enum RegistrationStatus {
    /** Every level stopped on a convergence rule. */
    CONVERGED,
    /** The finest level ran out of iterations; the transform is the best found and usually usable. */
    MAX_ITERATIONS,
    /** The fixed mask selects no voxel. */
    EMPTY_MASK,
    /** The fixed image is constant inside the mask: nothing to align. */
    CONSTANT_FIXED,
    /** The moving image is constant: nothing to align. */
    CONSTANT_MOVING,
    /** Too few fixed samples map inside the moving image (at the start or at a level's start). */
    INSUFFICIENT_OVERLAP,
    /** An image holds NaN or infinite values. */
    NON_FINITE_INPUT;

    /** True when the result holds an estimated transform. */
    public boolean succeeded() {
        return this == CONVERGED || this == MAX_ITERATIONS;
    }
}
