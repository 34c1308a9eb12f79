package org.dwimotion.pipeline;

import org.dwimotion.model.LovoModelType;

/**
 * Which LOVO model predicts the volumes in each iteration of a run.
 *
 * <p>A DKI run fits DTI in every iteration but the last (a "DTI warm-up"); every other model is used as chosen.
 * Why (issue #6, {@code scripts/dev/DecomposeDwiError.java}, docs/accuracy.md): a per-voxel log-linear model
 * absorbs the part of the volumes' misalignment that lies in the span of its design (one coefficient per
 * regressor per voxel can mimic {@code e_v·∇ln S(x)} when the motion {@code e_v} over the volumes is a combination
 * of the regressors), so that part is invisible to the leave-one-out registration and later iterations do not
 * recover it. DKI has 22 regressors, DTI 7: starting DKI from DTI-aligned data leaves less to absorb. Measured on
 * the three-shell phantom (64 volumes, motion ≤ 3 mm / 3°, SNR 30, 2 iterations), median errors
 * b=1000/2000/3000 0.55/0.60/0.78 mm (DKI, DKI) → 0.48/0.47/0.54 mm (DTI, DKI); on the job test's series
 * (40 volumes) b=3000 1.9 → 0.67 mm.
 */
public final class ModelSchedule {
    private ModelSchedule() {
    }

    /**
     * @param chosen     the run's model ({@link ModelChoice#resolve})
     * @param iteration  1-based iteration number, 1 … iterations
     * @param iterations the run's number of iterations (≥ 1)
     * @return the model of that iteration
     * @throws IllegalArgumentException when iteration is out of range
     */
    public static LovoModelType forIteration(LovoModelType chosen, int iteration, int iterations) {
        if (iterations < 1 || iteration < 1 || iteration > iterations) {
            throw new IllegalArgumentException("iteration " + iteration + " of " + iterations);
        }
        return chosen == LovoModelType.DKI && iteration < iterations ? LovoModelType.DTI : chosen;
    }
}
