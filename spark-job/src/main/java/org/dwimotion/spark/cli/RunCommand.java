package org.dwimotion.spark.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.gradients.PhaseEncoding;
import org.dwimotion.model.FitMethod;
import org.dwimotion.pipeline.InitialMotion;
import org.dwimotion.pipeline.ShellAlignmentMode;
import org.dwimotion.pipeline.TemporalPrior;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.spark.SparkOptions;
import org.dwimotion.spark.SparkSessions;
import org.dwimotion.spark.job.MotionCorrectionJob;
import org.dwimotion.spark.job.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dwimotion run}: LOVO motion correction of one diffusion series on Spark (see {@code docs/job.md}).
 * Exit code 0 on success, 1 with a one-line error (and no output folder) on bad input or failure. With
 * {@code --bids} the whole dataset is processed instead ({@link BulkRunCommand}, exit codes in {@code docs/bulk.md}).
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        defaultValueProvider = RunDefaults.class,
        description = {"Estimate and correct head motion in a diffusion series (leave-one-volume-out).",
                "Defaults come from conf/dwimotion-defaults.properties when present; flags override them."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    BulkOptions bulk;

    @Option(names = "--dwi", paramLabel = "FILE",
            description = "4-D diffusion series (.nii or .nii.gz): local path or file:, hdfs://, s3a:// URI. "
                    + "Exactly one of --dwi and --bids.")
    String dwi;

    @Option(names = "--bval", paramLabel = "FILE",
            description = "b-values (FSL text). Default: the BIDS sidecar next to --dwi (x.nii.gz -> x.bval).")
    String bval;

    @Option(names = "--bvec", paramLabel = "FILE",
            description = "b-vectors (FSL text, 3xN or Nx3). Default: the sidecar next to --dwi (x.bvec).")
    String bvec;

    @Option(names = "--mask", paramLabel = "FILE",
            description = "Brain mask on the series grid (nonzero = brain). Default: computed from the mean b=0 "
                    + "image (and written to the output).")
    String mask;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Output folder; must not exist. Written all-or-nothing (staging folder renamed at the end). "
                    + "With --bids: the output root, which may exist (a rerun resumes into it).")
    String output;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "auto",
            description = "Model predicting each left-out volume: b0, avgdwi, dti, dki or auto (DKI when the series "
                    + "has >= 2 non-zero shells, else DTI). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--fit", paramLabel = "METHOD", defaultValue = "wls",
            description = "Fit of the DTI/DKI models: ols or wls. Default: ${DEFAULT-VALUE}.")
    String fit;

    @Option(names = "--transform", paramLabel = "TYPE", defaultValue = "rigid",
            description = "Registration transform: rigid (6 parameters) or affine (eddy-current correction: the "
                    + "diffusion-weighted volumes get rigid motion plus a linear displacement along the "
                    + "phase-encoding axis, 9 parameters, with one eddy field linear in b*g fitted over the series; "
                    + "the axis is --phase-encoding, else PhaseEncodingDirection of the JSON sidecar next to --dwi, "
                    + "else j; b=0 volumes, which have no eddy currents, stay rigid; 4 iterations by default). "
                    + "Default: ${DEFAULT-VALUE}.")
    String transform;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "auto",
            description = "LOVO iterations, 1-20; later ones fit on the data aligned by the previous estimate, and a DKI "
                    + "run fits DTI in all but the last. auto: with a rigid DTI or DKI model, DTI iterations until "
                    + "one moves the estimates by less than 0.04 voxel (median over the volumes; 2 to 4 of them), "
                    + "then one DKI iteration for DKI; 4 with --transform affine (its series-wide eddy field needs "
                    + "them); 2 for the b0 and avgdwi models. Default: ${DEFAULT-VALUE}.")
    String iterations;

    @Option(names = "--initial-motion", paramLabel = "START", defaultValue = "b0",
            description = "Where the motion estimates start: b0 (a first pass registers the b=0 volumes, every "
                    + "volume starts from their motion interpolated in file order, skipping a b=0 volume caught in a "
                    + "sudden move unless the first iteration finds the volumes around it moved with it; needs >= 2 "
                    + "b=0 volumes, else none) or none (identity). Default: ${DEFAULT-VALUE}.")
    String initialMotion;

    @Option(names = "--temporal-prior", paramLabel = "PRIOR", defaultValue = "smooth",
            description = "What fixes the motion the leave-one-out registration cannot see (patterns over the "
                    + "volumes in the DTI/DKI design's span): smooth (after each iteration, the temporally "
                    + "smoothest such component in file order, robust to sudden moves; after DTI warm-ups, DKI's "
                    + "extra span only in part below b=3000) or none (kept from the start). "
                    + "Default: ${DEFAULT-VALUE}.")
    String temporalPrior;

    @Option(names = "--shell-alignment", paramLabel = "METHOD", defaultValue = "mi",
            description = "After the last iteration, align each diffusion-weighted shell (>= 6 volumes) to the b=0 "
                    + "volumes: mi (the mean of the shell's corrected volumes registered rigidly to the mean b=0 "
                    + "image by mutual information, the offset applied to all its volumes; FSL eddy's PEAS; rigid runs "
                    + "only, skipped with --transform affine) or none. Default: ${DEFAULT-VALUE}.")
    String shellAlignment;

    @Option(names = "--phase-encoding", paramLabel = "AXIS",
            description = "Phase-encoding axis of the series for --transform affine, in BIDS notation: i, j or k "
                    + "(the first, second, third voxel axis), optionally followed by - (reversed). Default: "
                    + "PhaseEncodingDirection of the JSON sidecar next to --dwi (in a BIDS run: the series' "
                    + "sidecar, inherited ones included), else j.")
    String phaseEncoding;

    @Option(names = "--chunk-voxels", paramLabel = "K", defaultValue = "1000",
            description = "Masked voxels per chunk (bounds each fit task's memory: K x volumes floats). Results do "
                    + "not depend on it. Default: ${DEFAULT-VALUE}.")
    int chunkVoxels;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Registration sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--fd-threshold", paramLabel = "MM", defaultValue = "0.5",
            description = "Framewise displacement (mm) above which a volume is flagged: the motion table's outlier "
                    + "column, the sidecars and the report; with --bids also the group table. Default: "
                    + "${DEFAULT-VALUE}.")
    double fdThreshold;

    @Mixin
    B0ThresholdOption b0Option;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (bulk.bids != null || dwi == null) {
            return new BulkRunCommand(spec, sparkOptions, bulk).call(dwi, bval, bvec, mask,
                    () -> config(bulk.bids == null ? "" : bulk.bids, null, null, null));
        }
        RunConfig config;
        try {
            String bidsOnly = BulkOptions.firstBidsOnlyOption(spec.commandLine().getParseResult());
            if (bidsOnly != null) {
                throw new IllegalArgumentException(bidsOnly + " applies to a --bids run only, not to one --dwi series");
            }
            config = config(dwi, bval, bvec, mask);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
        SparkSession session = SparkSessions.create(sparkOptions.toSettings("dwimotion run"));
        try {
            new MotionCorrectionJob(session, line -> {
                out.println(line);
                out.flush();
            }).run(config, commandLine(config));
            return 0;
        } catch (Exception e) {
            out.flush();
            err.println("error: " + rootMessage(e));
            err.flush();
            return 1;
        } finally {
            session.stop();
        }
    }

    /** The {@code --phase-encoding} given, or null (the job reads the sidecar). */
    private PhaseEncoding givenPhaseEncoding() {
        return phaseEncoding == null ? null : new PhaseEncoding(phaseEncoding, "--phase-encoding");
    }

    /** The command line as typed ({@code dwimotion} and its arguments), else an equivalent one. */
    String commandLine(RunConfig config) {
        ParseResult parsed = spec.root().commandLine().getParseResult();
        if (parsed == null || parsed.originalArgs().isEmpty()) {
            return config.commandLine();
        }
        List<String> args = new ArrayList<>();
        args.add("dwimotion");
        if (spec.root() == spec) {
            args.add(spec.name());
        }
        args.addAll(parsed.originalArgs());
        return RunConfig.shellJoin(args);
    }

    /**
     * The run's options for one series, or (a {@code --bids} run) the template every series' options derive from.
     *
     * @throws IllegalArgumentException on an option value that does not parse or is out of range
     */
    private RunConfig config(String series, String bvalFile, String bvecFile, String maskFile) {
        TransformType t = parseTransform(transform);
        return new RunConfig(series, bvalFile, bvecFile, maskFile, output, model, FitMethod.parse(fit), t,
                RunConfig.iterations(iterations), chunkVoxels, seed, b0Option.value(),
                InitialMotion.parse(initialMotion), TemporalPrior.parse(temporalPrior),
                ShellAlignmentMode.parse(shellAlignment), givenPhaseEncoding(), fdThreshold);
    }

    static TransformType parseTransform(String name) {
        for (TransformType t : new TransformType[] {TransformType.RIGID, TransformType.AFFINE}) {
            if (t.name().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("--transform " + name + ": expected rigid or affine");
    }

    /** The most specific message: Spark wraps task failures several times. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t.getMessage() == null || t instanceof org.apache.spark.SparkException
                || t instanceof java.io.UncheckedIOException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
