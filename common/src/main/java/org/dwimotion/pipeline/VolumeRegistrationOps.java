package org.dwimotion.pipeline;

import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.registration.method.ImageRegistrationMethod;
import org.dwimotion.registration.method.RegistrationResult;
import org.dwimotion.registration.method.RegistrationSettings;

/**
 * The per-volume registration step: the observed volume (moving) is registered to its LOVO prediction
 * (fixed, on the reference grid) inside the mask, starting from the current estimate.
 */
public final class VolumeRegistrationOps {
    private VolumeRegistrationOps() {
    }

    /**
     * @param volume     0-based index, carried into the outcome
     * @param prediction predicted volume on {@code grid}, x-fastest. Not modified.
     * @param observed   the original observed volume on {@code grid}. Not modified.
     * @param mask       mask image on {@code grid}. Not modified.
     * @param initial    current fixed → moving estimate, 4×4 row-major world mm. Not modified.
     */
    public static VolumeOutcome register(int volume, float[] prediction, float[] observed, ImageGeometry grid,
                                         Image3D mask, double[] initial, RegistrationSettings settings) {
        RegistrationResult r = new ImageRegistrationMethod(settings).register(new Image3D(grid, prediction),
                new Image3D(grid, observed), mask, initial);
        int steps = 0;
        for (int s : r.iterationsPerLevel()) {
            steps += s;
        }
        return new VolumeOutcome(volume, r.fixedToMoving(), r.finalMetric(), r.converged(), r.status().ordinal(), steps);
    }
}
