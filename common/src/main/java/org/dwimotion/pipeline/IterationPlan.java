package org.dwimotion.pipeline;

import java.util.Locale;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.registration.method.TransformType;

/**
 * How many LOVO iterations a run makes and which model each one fits ({@code dwimotion run --iterations}).
 *
 * <p>A fixed plan ({@code --iterations N}, and {@code auto} for an affine transform or the b0 / avgdwi models)
 * runs N iterations with {@link ModelSchedule#forIteration} (a DKI run fits DTI in all but the last). A converging
 * plan ({@code auto} for a rigid DTI or DKI run) repeats DTI iterations, the DKI run's warm-up or the DTI run itself,
 * until one moves the estimates by less than {@code toleranceMm} (the median over the volumes of each volume's mean
 * in-mask displacement between the estimates before and after it: {@code EstimateChange}), at least
 * {@link #MIN_DTI_ITERATIONS} and at most {@link #MAX_DTI_ITERATIONS} times; a DKI run then ends with one DKI
 * iteration. The tolerance is {@link #TOLERANCE_VOXELS} of the grid's mean voxel edge (0.1 mm at 2.5 mm).
 *
 * <p>Why (docs/accuracy.md, "DTI warm-ups until they settle"): DKI's 22 regressors span about half of a
 * 44–64-volume series' motion patterns, so the DKI iteration keeps that share of its start's error: it must start
 * from settled DTI estimates. On the 2.5 mm accuracy series (SNR 30) the second DTI iteration moves the estimates
 * by 0.04–0.07 mm on every series with motion up to 2–3 mm, and further iterations change little there, but by
 * 0.12–0.23 mm under 5 mm / 5° motion, where the third moves them 0.04–0.05 mm and takes the three large-motion
 * seeds from 0.082 / 0.085, 0.096 / 0.105 and 0.068 / 0.094 mm (b=1000 / 2000 medians, with 2 DTI iterations) to
 * 0.077 / 0.080, 0.096 / 0.095 and 0.065 / 0.086 mm (b=2000 p95 0.207 / 0.242 / 0.169 to 0.199 / 0.226 / 0.160).
 * With a fixed count the small-motion series would pay for iterations they do not need. A voxel-relative tolerance
 * keeps coarse grids, where the registration noise alone moves estimates by more and extra iterations did not help
 * (5.5 mm), at 2 DTI iterations.
 *
 * @param model           the run's model ({@link ModelChoice#resolve}, never {@code auto})
 * @param fixedIterations the count of a fixed plan (1 … 20); 0 for a converging plan
 * @param toleranceMm     a converging plan's tolerance, mm (&gt; 0); 0 for a fixed plan
 */
public record IterationPlan(LovoModelType model, int fixedIterations, double toleranceMm) {
    /** The DTI iterations a converging plan always runs: issue #6's default count. */
    public static final int MIN_DTI_ITERATIONS = 2;
    /** The DTI iterations a converging plan runs at most. */
    public static final int MAX_DTI_ITERATIONS = 4;
    /** A converging plan's tolerance in units of the mean voxel edge. */
    public static final double TOLERANCE_VOXELS = 0.04;
    /** {@code auto} of the other models (b0, avgdwi), rigid: issue #6's default count. */
    public static final int OTHER_MODEL_ITERATIONS = 2;
    /**
     * {@code auto} with {@code --transform affine}: the series' eddy field is extrapolated to its limit from 4
     * iterations on ({@link EddyCurrentModel}, docs/job.md), and on the accuracy series 2 iterations leave the DWIs at
     * 0.22–0.40 mm where 4 reach 0.08–0.13 mm at 2.5 mm (docs/accuracy.md, "A head phantom that pins roll").
     */
    public static final int AFFINE_ITERATIONS = 4;

    public IterationPlan {
        if (model == null) {
            throw new IllegalArgumentException("an iteration plan needs a model");
        }
        boolean fixed = fixedIterations >= 1 && fixedIterations <= 20 && toleranceMm == 0;
        boolean converging = fixedIterations == 0 && toleranceMm > 0 && Double.isFinite(toleranceMm)
                && (model == LovoModelType.DTI || model == LovoModelType.DKI);
        if (!fixed && !converging) {
            throw new IllegalArgumentException("iteration plan: " + fixedIterations + " iterations, tolerance "
                    + toleranceMm + " mm, model " + model + " (a count 1 … 20, or a tolerance > 0 for DTI or DKI)");
        }
    }

    /** {@code --iterations N}. */
    public static IterationPlan fixed(LovoModelType model, int iterations) {
        return new IterationPlan(model, iterations, 0);
    }

    /**
     * {@code --iterations auto}: converging for a rigid DTI or DKI run, else fixed ({@link #AFFINE_ITERATIONS},
     * {@link #OTHER_MODEL_ITERATIONS}).
     *
     * @param voxelMm the grid's mean voxel edge, mm
     */
    public static IterationPlan auto(LovoModelType model, TransformType transform, double voxelMm) {
        if (transform == TransformType.AFFINE) {
            return fixed(model, AFFINE_ITERATIONS);
        }
        if (model == LovoModelType.DTI || model == LovoModelType.DKI) {
            if (!(voxelMm > 0) || Double.isInfinite(voxelMm)) {
                throw new IllegalArgumentException("voxel size " + voxelMm + " mm: must be finite and > 0");
            }
            return new IterationPlan(model, 0, TOLERANCE_VOXELS * voxelMm);
        }
        return fixed(model, OTHER_MODEL_ITERATIONS);
    }

    public boolean converging() {
        return fixedIterations == 0;
    }

    /** The most iterations this plan can run. */
    public int maxIterations() {
        if (!converging()) {
            return fixedIterations;
        }
        return MAX_DTI_ITERATIONS + (model == LovoModelType.DKI ? 1 : 0);
    }

    /**
     * The model of the next iteration, or null when the run is done.
     *
     * @param movedMm what each iteration so far moved the estimates (median over the volumes of the mean in-mask
     *                displacement, mm), in order; its length is the number of iterations run
     */
    public LovoModelType next(double[] movedMm) {
        int done = movedMm.length;
        if (!converging()) {
            return done < fixedIterations ? ModelSchedule.forIteration(model, done + 1, fixedIterations) : null;
        }
        boolean finalDkiRun = model == LovoModelType.DKI && done > 0 && settled(movedMm, done - 1);
        if (finalDkiRun) {
            return null; // the DKI iteration came after the DTI ones settled
        }
        if (done < MIN_DTI_ITERATIONS || !settled(movedMm, done)) {
            return LovoModelType.DTI;
        }
        return model == LovoModelType.DKI ? LovoModelType.DKI : null;
    }

    /** Whether the first {@code dti} iterations (all DTI) leave the DTI phase over. */
    private boolean settled(double[] movedMm, int dti) {
        if (dti < MIN_DTI_ITERATIONS) {
            return false;
        }
        return dti >= MAX_DTI_ITERATIONS || movedMm[dti - 1] < toleranceMm;
    }

    /** Iteration k's name in progress lines: {@code k/N}, or {@code k/max N} for a converging plan. */
    public String label(int k) {
        return converging() ? k + "/max " + maxIterations() : k + "/" + fixedIterations;
    }

    /** The plan in words, for the setup line of the log. */
    public String describe() {
        if (!converging()) {
            return fixedIterations + " iteration(s)";
        }
        return String.format(Locale.ROOT, "DTI iterations until one moves the estimates by < %.3f mm (%d to %d)%s",
                toleranceMm, MIN_DTI_ITERATIONS, MAX_DTI_ITERATIONS, model == LovoModelType.DKI ? ", then DKI" : "");
    }
}
