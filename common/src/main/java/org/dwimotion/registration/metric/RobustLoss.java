package org.dwimotion.registration.metric;

/**
 * How residuals are weighted in the least-squares metric.
 *
 * <p>Huber's loss is quadratic for residuals up to {@code k * sigma} and linear beyond, so a
 * voxel with an intensity outlier (signal dropout, a spike, an artefact absent from the
 * prediction) pulls on the alignment with a bounded force instead of its squared error. It stays
 * convex, which keeps the Gauss–Newton iterations as stable as plain least squares, and with
 * {@code k = 1.345} it keeps 95 % efficiency when the noise is Gaussian. {@code sigma} is
 * re-estimated at every accepted step as 1.4826 × the median absolute residual (a consistent
 * estimate of the noise standard deviation that outliers do not inflate).
 */
public enum RobustLoss {
    /** Plain sum of squared differences. */
    NONE,
    /** Huber's loss, solved by iteratively reweighted least squares. */
    HUBER
}
