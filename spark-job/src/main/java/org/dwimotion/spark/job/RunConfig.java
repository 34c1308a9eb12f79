package org.dwimotion.spark.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dwimotion.gradients.PhaseEncoding;
import org.dwimotion.motion.MotionTable;
import org.dwimotion.model.FitMethod;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.pipeline.InitialMotion;
import org.dwimotion.pipeline.IterationPlan;
import org.dwimotion.pipeline.ShellAlignmentMode;
import org.dwimotion.pipeline.TemporalPrior;
import org.dwimotion.registration.method.TransformType;

/**
 * The resolved options of one {@code dwimotion run}.
 *
 * @param dwi          the series (local path or Hadoop URI)
 * @param bval         b-value file, or null for the sidecar next to {@code dwi}
 * @param bvec         b-vector file, or null for the sidecar next to {@code dwi}
 * @param mask         brain mask on the series grid, or null to compute one from the mean b=0 image
 * @param output       output folder; must not exist
 * @param model        {@code b0|avgdwi|dti|dki|auto}
 * @param fit          log-linear fit method
 * @param transform    rigid or affine
 * @param iterations   LOVO iterations, 1 … 20, or {@link #AUTO_ITERATIONS}
 * @param chunkVoxels  masked voxels per chunk, ≥ 1
 * @param seed         registration seed
 * @param b0Threshold  b ≤ this is a b=0 volume, s/mm²
 * @param initialMotion where the estimates start (b=0 motion interpolated in file order, or identity)
 * @param temporalPrior what fixes the estimates' LOVO-hidden component (temporal smoothness, or the start)
 * @param shellAlignment whether each diffusion-weighted shell is aligned to the b=0 volumes after the last iteration
 * @param phaseEncoding the phase-encoding axis the eddy model of an affine run displaces along, or null to read it
 *                     from the JSON sidecar next to {@code dwi} ({@link PhaseEncoding#forSeries})
 * @param fdThresholdMm framewise displacement above which a volume is flagged (motion table, sidecars, report; with
 *                      {@code --bids} also the group table), mm
 */
public record RunConfig(String dwi, String bval, String bvec, String mask, String output, String model,
                        FitMethod fit, TransformType transform, int iterations, int chunkVoxels, long seed,
                        double b0Threshold, InitialMotion initialMotion, TemporalPrior temporalPrior,
                        ShellAlignmentMode shellAlignment, PhaseEncoding phaseEncoding, double fdThresholdMm) {
    /**
     * {@code iterations} of {@code --iterations auto}: the plan follows the series' model, transform and grid
     * ({@link #iterationPlan}), so it is resolved per series once the model is ({@code --model auto} needs the
     * gradient table).
     */
    public static final int AUTO_ITERATIONS = 0;

    /** The built-in {@code --shell-alignment} (as {@code conf/dwimotion-defaults.properties}). */
    public static final ShellAlignmentMode DEFAULT_SHELL_ALIGNMENT = ShellAlignmentMode.MI;

    /**
     * With the default initial motion ({@link InitialMotion#B0}), temporal prior ({@link TemporalPrior#SMOOTH}),
     * shell alignment ({@link #DEFAULT_SHELL_ALIGNMENT}) and FD threshold ({@link MotionTable#DEFAULT_FD_THRESHOLD_MM}).
     */
    public RunConfig(String dwi, String bval, String bvec, String mask, String output, String model, FitMethod fit,
                     TransformType transform, int iterations, int chunkVoxels, long seed, double b0Threshold) {
        this(dwi, bval, bvec, mask, output, model, fit, transform, iterations, chunkVoxels, seed, b0Threshold,
                InitialMotion.B0, TemporalPrior.SMOOTH, DEFAULT_SHELL_ALIGNMENT, null, MotionTable.DEFAULT_FD_THRESHOLD_MM);
    }

    /**
     * The {@code iterations} of {@code --iterations VALUE}: {@link #AUTO_ITERATIONS} for {@code auto}, otherwise
     * VALUE as the count.
     *
     * @throws IllegalArgumentException when VALUE is neither {@code auto} nor an integer 1 … 20
     */
    public static int iterations(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("auto")) {
            return AUTO_ITERATIONS;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 20) {
                return n; // never 0: a typed count does not mean auto
            }
        } catch (NumberFormatException e) {
            // refused below, with the message of a count out of range
        }
        throw new IllegalArgumentException("--iterations " + value + ": must be auto or a number 1 … 20");
    }

    /**
     * The LOVO iterations of a series whose model resolved to {@code model}: the configured count, or for
     * {@code auto} {@link IterationPlan#auto} (rigid DTI and DKI: DTI iterations until they settle, then DKI; 4 with
     * an affine transform; 2 for the other models).
     *
     * @param voxelMm the series' mean voxel edge, mm (the converging plan's tolerance scales with it)
     */
    public IterationPlan iterationPlan(LovoModelType model, double voxelMm) {
        return iterations == AUTO_ITERATIONS ? IterationPlan.auto(model, transform, voxelMm)
                : IterationPlan.fixed(model, iterations);
    }

    /** {@code --iterations}' value as typed: {@code auto} or the count. */
    public String iterationsOption() {
        return iterations == AUTO_ITERATIONS ? "auto" : Integer.toString(iterations);
    }

    public RunConfig {
        if (dwi == null || output == null) {
            throw new IllegalArgumentException("--dwi and --output are required");
        }
        if ((bval == null) != (bvec == null)) {
            throw new IllegalArgumentException("give both --bval and --bvec, or neither (sidecars next to --dwi)");
        }
        if (iterations != AUTO_ITERATIONS && (iterations < 1 || iterations > 20)) {
            throw new IllegalArgumentException("--iterations " + iterations + ": must be 1 … 20");
        }
        if (initialMotion == null) {
            throw new IllegalArgumentException("--initial-motion is required");
        }
        if (temporalPrior == null) {
            throw new IllegalArgumentException("--temporal-prior is required");
        }
        if (shellAlignment == null) {
            throw new IllegalArgumentException("--shell-alignment is required");
        }
        if (chunkVoxels < 1) {
            throw new IllegalArgumentException("--chunk-voxels " + chunkVoxels + ": must be ≥ 1");
        }
        if (!(b0Threshold >= 0) || Double.isInfinite(b0Threshold)) {
            throw new IllegalArgumentException("--b0-threshold " + b0Threshold + ": must be finite and ≥ 0");
        }
        if (!(fdThresholdMm > 0) || Double.isInfinite(fdThresholdMm)) {
            throw new IllegalArgumentException("--fd-threshold " + fdThresholdMm + ": must be finite and > 0 mm");
        }
    }

    /**
     * An equivalent command line ({@code dwimotion run} with every option spelled out), for the outputs'
     * provenance when the job is not started from the command line.
     */
    public String commandLine() {
        List<String> a = new ArrayList<>(List.of("dwimotion", "run", "--dwi", dwi));
        if (bval != null) {
            a.addAll(List.of("--bval", bval, "--bvec", bvec));
        }
        if (mask != null) {
            a.addAll(List.of("--mask", mask));
        }
        a.addAll(List.of("--output", output, "--model", model, "--fit", fit.name().toLowerCase(Locale.ROOT),
                "--transform", transform.name().toLowerCase(Locale.ROOT), "--iterations", iterationsOption(),
                "--chunk-voxels", Integer.toString(chunkVoxels), "--seed", Long.toString(seed),
                "--b0-threshold", Double.toString(b0Threshold), "--initial-motion", initialMotion.cliName(),
                "--temporal-prior", temporalPrior.cliName(),
                "--shell-alignment", shellAlignment.cliName(), "--fd-threshold", Double.toString(fdThresholdMm)));
        if (phaseEncoding != null) {
            a.addAll(List.of("--phase-encoding", phaseEncoding.code()));
        }
        return shellJoin(a);
    }

    /** Joins arguments with spaces, single-quoting (POSIX shell) those that need it. */
    public static String shellJoin(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (String s : args) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(!s.isEmpty() && s.matches("[A-Za-z0-9_./:=@%+,-]+") ? s : "'" + s.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    public RunConfig withOutput(String out) {
        return new RunConfig(dwi, bval, bvec, mask, out, model, fit, transform, iterations, chunkVoxels, seed,
                b0Threshold, initialMotion, temporalPrior, shellAlignment, phaseEncoding, fdThresholdMm);
    }

    public RunConfig withTemporalPrior(TemporalPrior p) {
        return new RunConfig(dwi, bval, bvec, mask, output, model, fit, transform, iterations, chunkVoxels, seed,
                b0Threshold, initialMotion, p, shellAlignment, phaseEncoding, fdThresholdMm);
    }

    public RunConfig withShellAlignment(ShellAlignmentMode a) {
        return new RunConfig(dwi, bval, bvec, mask, output, model, fit, transform, iterations, chunkVoxels, seed,
                b0Threshold, initialMotion, temporalPrior, a, phaseEncoding, fdThresholdMm);
    }

    public RunConfig withPhaseEncoding(PhaseEncoding pe) {
        return new RunConfig(dwi, bval, bvec, mask, output, model, fit, transform, iterations, chunkVoxels, seed,
                b0Threshold, initialMotion, temporalPrior, shellAlignment, pe, fdThresholdMm);
    }

    public RunConfig withModel(String m) {
        return new RunConfig(dwi, bval, bvec, mask, output, m, fit, transform, iterations, chunkVoxels, seed,
                b0Threshold, initialMotion, temporalPrior, shellAlignment, phaseEncoding, fdThresholdMm);
    }

    public RunConfig withFdThreshold(double mm) {
        return new RunConfig(dwi, bval, bvec, mask, output, model, fit, transform, iterations, chunkVoxels, seed,
                b0Threshold, initialMotion, temporalPrior, shellAlignment, phaseEncoding, mm);
    }
}
