package org.dwimotion.eval;

import java.util.List;

/**
 * The outcome of {@link MotionEvaluation#evaluate}.
 *
 * @param offset          how the common offset was removed
 * @param offsetMatrix    the common offset C (4×4 row-major, world RAS mm, truth reference → estimate reference)
 * @param referenceVolume the truth's reference volume (left out of the summaries), or −1 when none
 * @param maskVoxels      number of mask voxel centres the displacements were measured at
 * @param volumes         one entry per volume, in volume order
 * @param classes         b0 first (when present), then shells by increasing b, then {@code all}
 */
public record EvaluationResult(OffsetRemoval offset, double[] offsetMatrix, int referenceVolume, int maskVoxels,
                               List<VolumeError> volumes, List<ClassSummary> classes) {

    /** The summary of the class called {@code name}. */
    public ClassSummary summary(String name) {
        for (ClassSummary c : classes) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no volume class " + name);
    }
}
