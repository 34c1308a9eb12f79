package org.dwimotion.pipeline;

import org.dwimotion.mask.MaskMorphology;

/**
 * Dilation of a brain mask into the region the model predicts.
 *
 * <p>Why: registration samples the fixed image (the prediction) inside the brain mask only, but smooths it
 * first (up to 2 voxels at the coarse level, 0.75 at the finest) and takes its gradient; a prediction that
 * stops dead at the mask edge turns the edge into a false boundary that pulls every volume. Measured on the
 * simulated phantom (noise-free, model frame known): b=0 volumes 0.19 mm median error with the prediction cut at
 * the mask, 0.044 mm with it dilated by 2 voxels (no further gain at 3–4).
 */
public final class MaskDilation {
    /** Voxels by which the predicted region extends beyond the brain mask. */
    public static final int PREDICTION_MARGIN_VOXELS = 2;

    private MaskDilation() {
    }

    /** Dilates with the 6-neighbourhood, {@code steps} times (see {@link MaskMorphology#dilate6}). */
    public static byte[] dilate6(byte[] mask, int nx, int ny, int nz, int steps) {
        return MaskMorphology.dilate6(mask, nx, ny, nz, steps);
    }

    /** Strictly increasing indices of the nonzero voxels. */
    public static int[] indices(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += b != 0 ? 1 : 0;
        }
        int[] out = new int[n];
        for (int i = 0, p = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                out[p++] = i;
            }
        }
        return out;
    }
}
