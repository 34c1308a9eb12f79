package org.dwimotion.spark.job;

import org.dwimotion.model.LovoModelType;

/**
 * What a finished run produced (also written to its output folder).
 *
 * @param output          the committed output folder
 * @param model           the model used (after {@code auto})
 * @param transforms      N×16 final fixed → moving transforms, relative to {@code referenceVolume}
 * @param headMotion      N×16 the head motion in them: {@code transforms}, or in an affine run their rigid parts
 *                        along the phase-encoding axis (what the motion table's parameters and FD are computed from)
 * @param metric          per-volume final registration metric of the last iteration
 * @param converged       per-volume convergence of the last iteration
 * @param referenceVolume the volume whose position defines the reference space (the first b=0 volume)
 * @param maskVoxels      voxels in the mask
 * @param seconds         total wall time
 * @param bvals           per-volume b-values (s/mm²) as the run read them
 * @param motionCentre    world point (mm) the motion table's rotations are about: the grid's field-of-view centre
 */
public record RunResult(String output, LovoModelType model, double[] transforms, double[] headMotion, double[] metric,
                        boolean[] converged, int referenceVolume, int maskVoxels, double seconds, double[] bvals,
                        double[] motionCentre) {
}
