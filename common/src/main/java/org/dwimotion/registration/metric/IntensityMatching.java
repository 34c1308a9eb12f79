package org.dwimotion.registration.metric;

/**
 * The intensity relation assumed between the images. Both are expected to have the same contrast
 * (the moving volume and its model prediction); {@link #LINEAR} also absorbs a global gain and
 * offset (signal drift between volumes, a biased prediction), which SSD would otherwise try to
 * explain by moving the image, like normalised cross-correlation does.
 */
public enum IntensityMatching {
    /** moving ≈ fixed. */
    NONE,
    /** moving ≈ a · fixed + b, with a and b refitted (weighted least squares) at every evaluation. */
    LINEAR,
    /**
     * moving ≈ a · fixed + b + c · (fixed − mean)² / sd, refitted like LINEAR: also absorbs a smooth
     * curvature of the intensity relation, such as the Rician noise floor of a noisy low-signal
     * moving image against a noise-free fixed one.
     */
    QUADRATIC
}
