package org.dwimotion.sim;

import org.dwimotion.image.ImageGeometry;

/**
 * Resamples a scalar volume through a spatial transform: the simulator's hook for moving a head.
 *
 * <p>Implementations may keep workspace and need not be thread-safe: give each thread its own
 * (see {@link #copy()}).
 */
public interface VolumeWarper {
    /**
     * out(y) = source(A · y) for the world position y of every voxel of the output grid.
     *
     * @param source         x-fastest samples on {@code sourceGeometry}. Not modified.
     * @param outputToSource A, 4×4 row-major world (RAS mm) affine from output points to source points.
     *                       Not modified.
     * @param out            x-fastest, {@code outputGeometry.numVoxels()} long; receives the samples,
     *                       0 where A·y falls outside the source. Modified; must not alias source.
     */
    void warp(float[] source, ImageGeometry sourceGeometry, double[] outputToSource,
              ImageGeometry outputGeometry, float[] out);

    /** An independent instance with the same settings, for another thread. */
    VolumeWarper copy();
}
