package org.dwimotion.resample;

import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;

/**
 * Resamples a moving image onto a reference grid through a "fixed → moving" transform.
 *
 * <p>Output voxel y of the reference grid receives {@code moving(T(world(y)))}, where T is the
 * 4×4 world RAS mm affine mapping a reference (fixed) point to the moving image — the same
 * transform a registration returns. Points outside the moving image's voxel extent
 * ({@link Interpolator#isInsideBuffer}) receive {@code outsideValue}.
 */
public final class Resampler {
    private Resampler() {
    }

    /**
     * @param fixedToMoving 16 values, row-major 4×4, world RAS mm, last row (0,0,0,1). Not modified.
     * @return a new image on {@code reference}
     */
    public static Image3D resample(Image3D moving, ImageGeometry reference, double[] fixedToMoving,
                                   Interpolation kind, float outsideValue) {
        if (moving == null || reference == null || kind == null) {
            throw new IllegalArgumentException("moving, reference and kind are required");
        }
        return resample(kind.create(moving), reference, fixedToMoving, outsideValue);
    }

    /**
     * As {@link #resample(Image3D, ImageGeometry, double[], Interpolation, float)} with a ready
     * interpolator (reuse one B-spline prefilter for several transforms). The interpolator is used
     * from this thread only.
     */
    public static Image3D resample(Interpolator interpolator, ImageGeometry reference, double[] fixedToMoving,
                                   float outsideValue) {
        double[] m = referenceToMovingIndex(interpolator, reference, fixedToMoving);
        int nx = reference.nx(), ny = reference.ny(), nz = reference.nz();
        float[] out = new float[reference.numVoxels()];
        int v = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, v++) {
                    out[v] = sample(interpolator, m, i, j, k, outsideValue);
                }
            }
        }
        return new Image3D(reference, out);
    }

    /**
     * The values {@link #resample(Interpolator, ImageGeometry, double[], float)} would give at the listed voxels of
     * the reference grid only, bit for bit (the same arithmetic in the same order): value q is for linear index
     * {@code indices[q]} (x-fastest). Why: the LOVO ingest needs a volume only inside the predicted region, often a
     * third of the grid, and the interpolation, not the prefilter, is most of the cost.
     *
     * @param indices linear voxel indices of {@code reference}, each in [0, numVoxels). Not modified.
     * @return a new array, one value per index
     * @throws IllegalArgumentException for an index outside the grid (the arithmetic would map it to a point beyond
     *                                  the grid and return a value for a voxel that does not exist)
     */
    public static float[] resampleAt(Interpolator interpolator, ImageGeometry reference, double[] fixedToMoving,
                                     int[] indices, float outsideValue) {
        double[] m = referenceToMovingIndex(interpolator, reference, fixedToMoving);
        int nx = reference.nx(), ny = reference.ny(), size = reference.numVoxels();
        float[] out = new float[indices.length];
        for (int q = 0; q < indices.length; q++) {
            int v = indices[q];
            if (v < 0 || v >= size) {
                throw new IllegalArgumentException("voxel index " + v + " at position " + q + " is outside the "
                        + size + "-voxel reference grid");
            }
            out[q] = sample(interpolator, m, v % nx, (v / nx) % ny, v / nx / ny, outsideValue);
        }
        return out;
    }

    /**
     * The value at reference voxel (i, j, k) through the index map m: one place for the arithmetic, so that the whole
     * grid and a list of voxels give the same bits.
     */
    private static float sample(Interpolator interpolator, double[] m, int i, int j, int k, float outsideValue) {
        double ci = (m[1] * j + m[2] * k + m[3]) + m[0] * i;
        double cj = (m[5] * j + m[6] * k + m[7]) + m[4] * i;
        double ck = (m[9] * j + m[10] * k + m[11]) + m[8] * i;
        return interpolator.isInsideBuffer(ci, cj, ck)
                ? (float) interpolator.evaluateAtContinuousIndex(ci, cj, ck)
                : outsideValue;
    }

    /** Reference voxel index → moving continuous index, one 4×4 affine (after checking the transform). */
    private static double[] referenceToMovingIndex(Interpolator interpolator, ImageGeometry reference,
                                                   double[] fixedToMoving) {
        if (fixedToMoving == null || fixedToMoving.length != 16) {
            throw new IllegalArgumentException("fixedToMoving must hold 16 values (4x4 row-major)");
        }
        for (double v : fixedToMoving) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("fixedToMoving has a non-finite value");
            }
        }
        return Affines.multiply(interpolator.image().geometry().worldToVoxel(),
                Affines.multiply(fixedToMoving, reference.voxelToWorld(), null), null);
    }
}
