package org.dwimotion.resample;

import org.dwimotion.image.Image3D;

/** Interpolation kinds for sampling an image between voxel centres. */
public enum Interpolation {
    /** Trilinear: 8 neighbours, continuous, exact for affine intensity ramps. Used while optimising. */
    LINEAR,
    /** Cubic B-spline on prefiltered coefficients (interpolating, C2, mirror boundary). For final outputs. */
    BSPLINE3;

    /** A new interpolator of this kind on {@code image} (B-spline prefilters here, once). */
    public Interpolator create(Image3D image) {
        return create(image, null);
    }

    /**
     * As {@link #create(Image3D)}, the B-spline's coefficients in {@code coefficients} when it is as long as the
     * image ({@link BSplineInterpolator#BSplineInterpolator(Image3D, double[])}); trilinear ignores it.
     */
    public Interpolator create(Image3D image, double[] coefficients) {
        return switch (this) {
            case LINEAR -> new LinearInterpolator(image);
            case BSPLINE3 -> new BSplineInterpolator(image, coefficients);
        };
    }
}
