package org.dwimotion.io.nifti;

import java.util.Arrays;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;

/**
 * A whole NIfTI image in memory, scaled, as float32.
 *
 * @param header         the file's header
 * @param geometry       the 3-D grid and voxel-to-world affine (same as {@code header.geometry()})
 * @param nt             number of volumes (1 for a 3-D image)
 * @param data           nVox·nt values, volume-major: {@code voxel + nVox * t}, voxel x-fastest. Shared, not copied.
 * @param nonFiniteCount NaN/Inf values found in the file (before any replacement by the
 *                       {@link NonFinitePolicy}); the 4-argument constructor counts them in {@code data}
 */
public record NiftiImage(NiftiHeader header, ImageGeometry geometry, int nt, float[] data, long nonFiniteCount) {
    public NiftiImage {
        if (geometry == null || data == null) {
            throw new IllegalArgumentException("geometry and data are required");
        }
        if (nt < 1 || (long) geometry.numVoxels() * nt != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " does not match "
                    + geometry.nx() + "x" + geometry.ny() + "x" + geometry.nz() + "x" + nt);
        }
    }

    public NiftiImage(NiftiHeader header, ImageGeometry geometry, int nt, float[] data) {
        this(header, geometry, nt, data, VoxelDecodeOps.countNonFinite(data, 0, data.length));
    }

    /** Voxels per volume. */
    public int voxelsPerVolume() {
        return geometry.numVoxels();
    }

    /** A copy of volume {@code t} as a 3-D image. */
    public Image3D volume(int t) {
        if (t < 0 || t >= nt) {
            throw new IndexOutOfBoundsException("volume " + t + " of " + nt);
        }
        int n = geometry.numVoxels();
        return new Image3D(geometry, Arrays.copyOfRange(data, t * n, (t + 1) * n));
    }

    /** Value of voxel (i, j, k) in volume t. No bounds check beyond the array's. */
    public float get(int i, int j, int k, int t) {
        return data[geometry.index(i, j, k) + geometry.numVoxels() * t];
    }
}
