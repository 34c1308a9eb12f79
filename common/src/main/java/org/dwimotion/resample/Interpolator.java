package org.dwimotion.resample;

import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;

/**
 * Samples a 3-D image at continuous positions.
 *
 * <p>Positions are zero-based continuous voxel indices (voxel centres at integers) or world RAS mm
 * ({@link #evaluateAtWorld}, which converts with the image's world-to-voxel affine). Only
 * interpolators and loops see voxel indices; everything else works in world mm.
 *
 * <p>Boundary: {@link #isInsideBuffer} is a separate test and accepts indices in
 * {@code [-0.5, n - 0.5]} on each axis (the extent of the voxels). Evaluation at such positions
 * extends the image at its border (replication for linear, mirror for B-spline coefficients);
 * positions further out are clamped the same way, so callers that want an "outside value" test
 * first.
 *
 * <p>Not thread-safe: implementations may keep per-call workspace. Give each thread its own
 * {@link #copy()}; copies share the immutable image data and coefficients.
 */
public abstract class Interpolator {
    protected final Image3D image;
    protected final int nx, ny, nz;
    private final double[] worldToVoxel;

    protected Interpolator(Image3D image) {
        if (image == null) {
            throw new IllegalArgumentException("image is required");
        }
        this.image = image;
        ImageGeometry g = image.geometry();
        this.nx = g.nx();
        this.ny = g.ny();
        this.nz = g.nz();
        this.worldToVoxel = g.worldToVoxel();
    }

    /** For {@link #copy()}: shares the image and the geometry arrays (never modified). */
    protected Interpolator(Interpolator other) {
        this.image = other.image;
        this.nx = other.nx;
        this.ny = other.ny;
        this.nz = other.nz;
        this.worldToVoxel = other.worldToVoxel;
    }

    /** The image sampled (shared, not copied). */
    public final Image3D image() {
        return image;
    }

    /** Value at continuous voxel index (ci, cj, ck); see the class note on boundaries. */
    public abstract double evaluateAtContinuousIndex(double ci, double cj, double ck);

    /** Value at world point (x, y, z) in RAS mm. */
    public final double evaluateAtWorld(double x, double y, double z) {
        double[] m = worldToVoxel;
        return evaluateAtContinuousIndex(
                m[0] * x + m[1] * y + m[2] * z + m[3],
                m[4] * x + m[5] * y + m[6] * z + m[7],
                m[8] * x + m[9] * y + m[10] * z + m[11]);
    }

    /** True when the continuous index lies within the voxels' extent, {@code [-0.5, n - 0.5]} per axis. */
    public final boolean isInsideBuffer(double ci, double cj, double ck) {
        return ci >= -0.5 && ci <= nx - 0.5 && cj >= -0.5 && cj <= ny - 0.5 && ck >= -0.5 && ck <= nz - 0.5;
    }

    /** {@link #isInsideBuffer} for a world point. */
    public final boolean isInsideBufferAtWorld(double x, double y, double z) {
        double[] m = worldToVoxel;
        return isInsideBuffer(
                m[0] * x + m[1] * y + m[2] * z + m[3],
                m[4] * x + m[5] * y + m[6] * z + m[7],
                m[8] * x + m[9] * y + m[10] * z + m[11]);
    }

    /** An independent interpolator on the same image, for another thread. */
    public abstract Interpolator copy();
}
