package org.dwimotion.registration.method;

import java.util.Arrays;

/**
 * Result of {@link ImageRegistrationMethod#register}.
 *
 * <p>On failure ({@link RegistrationStatus#succeeded()} false) the transform is the initial one,
 * {@code finalMetric} is +infinity and {@code message} says why; no field is ever NaN.
 *
 * @param fixedToMoving      4×4 row-major, world RAS mm, maps a fixed (reference) point to the moving
 *                           image (ITK/ANTs convention)
 * @param parameters         the transform's parameters (layout of {@link TransformType}'s transform)
 * @param fixedParameters    the transform's centre (world mm)
 * @param finalMetric        metric at the end of the finest level, normalised: twice the mean robust
 *                           loss divided by the variance of the fixed samples (0 = perfect match;
 *                           for plain SSD it is the mean squared residual over the fixed variance)
 * @param iterationsPerLevel trial steps per level, coarse to fine
 * @param converged          true when the finest level stopped on a convergence rule
 * @param status             outcome class
 * @param message            human-readable summary
 */
public record RegistrationResult(double[] fixedToMoving, double[] parameters, double[] fixedParameters,
                                 double finalMetric, int[] iterationsPerLevel, boolean converged,
                                 RegistrationStatus status, String message) {

    @Override
    public String toString() {
        return "RegistrationResult[status=" + status + ", converged=" + converged + ", finalMetric=" + finalMetric
                + ", iterationsPerLevel=" + Arrays.toString(iterationsPerLevel) + ", parameters="
                + Arrays.toString(parameters) + ", message=" + message + "]";
    }
}
