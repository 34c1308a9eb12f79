package org.dwimotion.image;

/**
 * A scalar 3-D image: float samples on an {@link ImageGeometry}, x-fastest
 * ({@code index = i + nx * (j + ny * k)}).
 *
 * <p>The data array is shared, not copied: callers that need isolation copy it themselves.
 */
public record Image3D(ImageGeometry geometry, float[] data) {
    public Image3D {
        if (geometry == null || data == null) {
            throw new IllegalArgumentException("geometry and data are required");
        }
        if (data.length != geometry.numVoxels()) {
            throw new IllegalArgumentException("data length " + data.length + " does not match grid "
                    + geometry.nx() + "x" + geometry.ny() + "x" + geometry.nz());
        }
    }

    public static Image3D zeros(ImageGeometry geometry) {
        return new Image3D(geometry, new float[geometry.numVoxels()]);
    }
}
