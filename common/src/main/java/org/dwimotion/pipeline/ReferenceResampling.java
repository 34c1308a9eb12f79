package org.dwimotion.pipeline;

import java.util.Arrays;
import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.resample.Interpolation;
import org.dwimotion.resample.Resampler;

/**
 * Brings an observed volume onto the reference grid through its fixed → moving estimate: output voxel x
 * receives the cubic B-spline interpolation of the observed volume at {@code T·x}; points outside the
 * observed field of view get 0. Used for the model input of later iterations and for the corrected series,
 * always from the original data (one interpolation, never a chain).
 */
public final class ReferenceResampling {
    private static final double[] IDENTITY = Affines.identity();

    private ReferenceResampling() {
    }

    /**
     * @param volume        observed volume on {@code grid}, x-fastest. Not modified.
     * @param fixedToMoving 4×4 row-major, world RAS mm. Not modified.
     * @return a new array; a copy of {@code volume} when the transform is exactly the identity (no
     *         interpolation, so an unmoved volume is bit-identical to its input)
     */
    public static float[] toReference(float[] volume, ImageGeometry grid, double[] fixedToMoving) {
        if (Arrays.equals(fixedToMoving, IDENTITY)) {
            return volume.clone();
        }
        return Resampler.resample(new Image3D(grid, volume), grid, fixedToMoving, Interpolation.BSPLINE3, 0f).data();
    }

    /**
     * {@link #toReference}'s values at the listed voxels only, bit for bit ({@link Resampler#resampleAt}).
     *
     * @param indices linear voxel indices of {@code grid}. Not modified.
     * @return a new array, one value per index
     */
    public static float[] toReferenceAt(float[] volume, ImageGeometry grid, double[] fixedToMoving, int[] indices) {
        if (Arrays.equals(fixedToMoving, IDENTITY)) {
            float[] out = new float[indices.length];
            for (int q = 0; q < indices.length; q++) {
                out[q] = volume[indices[q]];
            }
            return out;
        }
        return Resampler.resampleAt(Interpolation.BSPLINE3.create(new Image3D(grid, volume)), grid, fixedToMoving,
                indices, 0f);
    }
}
