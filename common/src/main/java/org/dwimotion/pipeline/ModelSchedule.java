package org.dwimotion.pipeline;

import org.dwimotion.model.LovoModelType;
import org.dwimotion.registration.method.TransformType;

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
    /** {@code --iterations auto} for a rigid run of any model but DKI (issue #6's default). */
    public static final int RIGID_ITERATIONS = 2;
    /**
     * {@code --iterations auto} for a rigid DKI run: two DTI warm-ups, then DKI. Why: DKI's 22 regressors absorb
     * about half of a 44–64-volume series' motion patterns, so the DKI iteration keeps that share of its start's
     * error, and one DTI pass from the b=0 start leaves 0.3–0.5 mm under large motion; a second DTI pass moves the
     * estimates 0.12 mm more before DKI (docs/accuracy.md, "Two DTI warm-ups before DKI"). On the accuracy
     * series at 2.5 mm (SNR 30) large motion (5 mm / 5°) goes from 0.117 / 0.110 mm (b=1000 / 2000 medians, p95 0.311)
     * with 2 iterations to 0.082 / 0.085 mm (p95 0.207), the three-shell series from 0.049 / 0.037 / 0.057 to
     * 0.046 / 0.031 / 0.047 mm, for 1.1× the run time (at 5.5 mm a third iteration
     * is a wash). A DTI run's single model is its own warm-up: its second
     * iteration moves the estimates by 0.04–0.07 mm, and 2 meet the targets there.
     */
    public static final int DKI_ITERATIONS = 3;
    /**
     * {@code --iterations auto} with {@code --transform affine}: the series' eddy field is extrapolated to its limit
     * from 4 iterations on ({@link EddyCurrentModel}, docs/job.md), and on the accuracy series 2 iterations leave the
     * DWIs at 0.22–0.40 mm where 4 reach 0.08–0.13 mm at 2.5 mm (docs/accuracy.md, "A head phantom that pins roll").
     */
    public static final int AFFINE_ITERATIONS = 4;

    private ModelSchedule() {
    }

    /**
     * The iterations of {@code --iterations auto}: {@link #AFFINE_ITERATIONS} with an affine transform, else
     * {@link #DKI_ITERATIONS} for DKI and {@link #RIGID_ITERATIONS} for every other model.
     *
     * @param model     the run's model ({@link ModelChoice#resolve}, never {@code auto})
     * @param transform the configured transform of the diffusion-weighted volumes
     */
    public static int autoIterations(LovoModelType model, TransformType transform) {
        if (transform == TransformType.AFFINE) {
            return AFFINE_ITERATIONS;
        }
        return model == LovoModelType.DKI ? DKI_ITERATIONS : RIGID_ITERATIONS;
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
