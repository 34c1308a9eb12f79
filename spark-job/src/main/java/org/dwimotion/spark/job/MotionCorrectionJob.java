package org.dwimotion.spark.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.dwimotion.bids.Json;
import org.dwimotion.bids.OutputOptions;
import org.dwimotion.bids.SeriesOutputWriter;
import org.dwimotion.bids.SeriesResult;
import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.gradients.PhaseEncoding;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;
import org.dwimotion.io.nifti.NiftiHeader;
import org.dwimotion.io.nifti.NiftiImage;
import org.dwimotion.io.nifti.NiftiReadOptions;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.io.nifti.NiftiVolumeStream;
import org.dwimotion.mask.BrainMaskOps;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.pipeline.ChunkPrediction;
import org.dwimotion.pipeline.ClassMeans;
import org.dwimotion.pipeline.B0MotionInterpolation;
import org.dwimotion.pipeline.B0Start;
import org.dwimotion.pipeline.HiddenMotionSmoothing;
import org.dwimotion.pipeline.InitialMotion;
import org.dwimotion.pipeline.TemporalPrior;
import org.dwimotion.pipeline.IterationPlan;
import org.dwimotion.pipeline.IterationSpec;
import org.dwimotion.pipeline.MaskDilation;
import org.dwimotion.pipeline.MeanB0Ops;
import org.dwimotion.pipeline.ModelChoice;
import org.dwimotion.pipeline.MotionUpdate;
import org.dwimotion.pipeline.SeriesChecks;
import org.dwimotion.pipeline.OffsetSignificance;
import org.dwimotion.pipeline.ParameterSignificance;
import org.dwimotion.pipeline.ShellAlignment;
import org.dwimotion.pipeline.ShellAlignmentMode;
import org.dwimotion.pipeline.TransformSet;
import org.dwimotion.pipeline.VolumeBlocks;
import org.dwimotion.pipeline.VolumeOutcome;
import org.dwimotion.pipeline.VolumePiece;
import org.dwimotion.motion.EstimateChange;
import org.dwimotion.motion.MotionTable;
import org.dwimotion.motion.RegistrationDiagnostics;
import org.dwimotion.pipeline.PredictionAssembly;
import org.dwimotion.registration.method.RegistrationStatus;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.report.QcReport;
import org.dwimotion.report.RunInfo;
import org.dwimotion.report.StageTiming;
import org.dwimotion.spark.ExecutorSeries;
import org.dwimotion.spark.DwimotionVersion;
import scala.Tuple2;

/**
 * The driver of {@code dwimotion run}: thin orchestration of the pure stage functions of
 * {@code org.dwimotion.pipeline} (see {@code docs/job.md}).
 *
 * <ol>
 *   <li>Driver: header, gradient table and mask checks; LOVO design validated; chunk plan from the mask.</li>
 *   <li>Per iteration, one Spark action of three stages and two shuffles: ingest (volume blocks → per-chunk
 *       pieces, aligned with the current transforms after the first iteration) → shuffle by chunk → fit/predict
 *       (one kernel per task) → shuffle by volume range, sorted → register each observed volume to its
 *       prediction. The driver collects N small {@link VolumeOutcome}s and re-references the transforms to
 *       the first b=0 volume; the b-vectors of the next iteration are rotated by them ({@code Rᵀg}).</li>
 *   <li>With {@code --shell-alignment mi}: one Spark pass resamples the b=0 volumes and those of every shell once with
 *       the current transforms (executors), the driver sums them by class in volume order, registers each shell's
 *       mean to the b=0 mean and composes the offset into the shell's transforms ({@link ShellAlignment}); skipped
 *       with {@code --transform affine}.</li>
 *   <li>Outputs, through {@link SeriesOutputWriter} (flat BIDS-derivative layout, see {@code docs/outputs.md}) plus
 *       {@link #SUMMARY}, into a staging folder committed at the end ({@link OutputFolder}). The driver keeps
 *       the last iteration's predictions of the report's few volumes only, and takes the corrected series one
 *       block at a time ({@link JobVolumeSource}).</li>
 * </ol>
 */
public final class MotionCorrectionJob {
    /** Floats an ingest task may hold in pieces (64 MB): bounds the volumes per ingest block. */
    static final long INGEST_BUDGET_VALUES = 1L << 24;
    /**
     * Registration tasks per core (each at least one volume): enough to balance uneven volumes (2 left the last long
     * task alone), few enough that each task's fixed cost (shuffle fetch and sort, series open, mask image) stays
     * small: on a 72×81×72 × 66 series, local[2], the register stage took 7.7–8.1 s with 4, 8.2–9.8 s with 8 and
     * 9.4–10.2 s with 64 (one volume per task); docs/benchmarks.md.
     */
    static final int REGISTER_TASKS_PER_CORE = 4;
    /**
     * Floats the driver may hold while writing the corrected series (64 MB): one batch of parallelism output
     * blocks, resampled concurrently (at least one volume per block).
     */
    static final long OUTPUT_BUDGET_VALUES = 1L << 24;

    /** The run summary (options, counts, per-stage seconds), next to the series' BIDS-derivative files. */
    public static final String SUMMARY = "run_summary.json";

    private final SparkSession spark;
    private final Consumer<String> log;

    /** @param log receives the progress lines (the console) */
    public MotionCorrectionJob(SparkSession spark, Consumer<String> log) {
        this.spark = spark;
        this.log = log;
    }

    /**
     * Runs the whole job; on failure nothing is left at {@code config.output()}. The outputs' provenance holds
     * {@link RunConfig#commandLine()}, an equivalent command line.
     */
    public RunResult run(RunConfig config) throws IOException {
        return run(config, config.commandLine());
    }

    /**
     * Runs the whole job; on failure nothing is left at {@code config.output()}.
     *
     * @param commandLine the full command line as typed, for the outputs' provenance (sidecars, report)
     */
    public RunResult run(RunConfig config, String commandLine) throws IOException {
        long start = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = jsc.hadoopConfiguration();
        Storage storage = Locations.storage(hadoop);
        NiftiReadOptions readOptions = NiftiReadOptions.defaults().withStorage(storage);
        Map<String, Double> timings = new LinkedHashMap<>();

        OutputFolder.requireAbsent(config.output(), hadoop);
        NiftiHeader header = NiftiReader.readHeader(config.dwi(), readOptions);
        GradientTable table = config.bval() != null
                ? GradientTable.read(config.bval(), config.bvec(), storage, config.b0Threshold())
                : GradientTable.fromSidecars(config.dwi(), storage, config.b0Threshold());
        SeriesChecks.checkSeries(config.dwi(), header, table);
        LovoModelType model = ModelChoice.resolve(config.model(), table);
        ImageGeometry grid = header.geometry();
        IterationPlan iterations = config.iterationPlan(model, grid.meanSpacing());
        int n = header.nt();
        int reference = table.b0Indices()[0];
        // where an affine run's eddy fields displace: the given or the sidecar's axis through the grid's voxel axes
        PhaseEncoding phaseEncoding = config.phaseEncoding() != null ? config.phaseEncoding()
                : PhaseEncoding.forSeries(config.dwi(), storage);
        double[] pe = phaseEncoding.worldDirection(grid);
        // the b=0 start needs two b=0 volumes to interpolate between (and to register each to the others)
        boolean startFromB0 = config.initialMotion() == InitialMotion.B0 && table.b0Indices().length >= 2;
        log.accept(String.format(Locale.ROOT, "[setup] %s: %dx%dx%d, %d volumes (%d b=0), model %s/%s, %s, "
                        + "%s%s, initial motion %s, temporal prior %s, shell alignment %s",
                config.dwi(), grid.nx(), grid.ny(), grid.nz(), n, table.b0Indices().length, model.cliName(),
                config.fit().name().toLowerCase(Locale.ROOT), config.transform().name().toLowerCase(Locale.ROOT),
                iterations.describe(), config.iterations() == RunConfig.AUTO_ITERATIONS ? " (--iterations auto)" : "",
                config.initialMotion() == InitialMotion.B0 && !startFromB0
                        ? "none (fewer than 2 b=0 volumes)" : config.initialMotion().cliName(),
                temporalPrior(config, model, iterations, table), config.shellAlignment().cliName()));
        if (config.transform() == TransformType.AFFINE) {
            log.accept(String.format(Locale.ROOT, "[setup] phase encoding %s (%s): world (%.3f, %.3f, %.3f)",
                    phaseEncoding.code(), phaseEncoding.source(), pe[0], pe[1], pe[2]));
        }
        byte[] mask;
        int[] brain;
        ChunkPlan plan;
        OutputFolder out;
        try {
            mask = config.mask() != null ? readMask(config.mask(), readOptions, grid)
                    : computeMask(config.dwi(), readOptions, table.b0Indices(), grid, jsc.isLocal());
            brain = MaskDilation.indices(mask);
            plan = ChunkPlan.fromMask(MaskDilation.dilate6(mask, grid.nx(), grid.ny(), grid.nz(),
                    MaskDilation.PREDICTION_MARGIN_VOXELS), config.chunkVoxels());
            log.accept(String.format(Locale.ROOT, "[setup] mask %s: %d voxels; predicted region (mask + %d voxels) %d "
                            + "voxels in %d chunks of <= %d", config.mask() != null ? config.mask() : "computed from the mean b=0 image",
                    brain.length, MaskDilation.PREDICTION_MARGIN_VOXELS, plan.maskedVoxels(), plan.numChunks(),
                    config.chunkVoxels()));
            timings.put("setup", seconds(start));
            out = OutputFolder.begin(config.output(), hadoop);
        } catch (IOException | RuntimeException e) {
            deleteLocalCopy(config.dwi()); // computeMask may have made it (local mode)
            throw e;
        }
        StageProgress progress = new StageProgress(log);
        spark.sparkContext().addSparkListener(progress);
        Specs specs = new Specs(config, header, plan, brain, pe);
        Iteration last = null;
        try {
            B0Start b0Start = startFromB0
                    ? initialMotion(jsc, specs.b0Pass(table), n, reference, grid, progress, timings) : null;
            boolean affine = config.transform() == TransformType.AFFINE;
            MotionUpdate update = new MotionUpdate(table, grid, reference, config.transform(), config.temporalPrior(),
                    pe, iterations.maxIterations());
            Image3D maskImage = maskImage(mask, grid);
            Estimate estimate = estimate(jsc, specs, update, table, iterations, b0Start, maskImage, progress,
                    timings);
            double[] transforms = estimate.transforms();
            last = estimate.last();
            // the mean aligned b=0 image, when the shell alignment made it (it leaves the b=0 transforms as they are)
            float[] meanB0 = null;
            if (config.shellAlignment() == ShellAlignmentMode.MI && affine) {
                // the eddy field left in the shell means (2 iterations recover 55-65 % of it, its z column 20-30 %)
                // is a shear that a rigid alignment reads as rotation: docs/accuracy.md, "Shell alignment to b=0"
                log.accept("[shell alignment] skipped: --transform affine (a residual eddy field in the shell means "
                        + "would be taken for rotation)");
            } else if (config.shellAlignment() == ShellAlignmentMode.MI) {
                ShellPass p = alignShells(jsc, specs.of(model, table, transforms, true), table,
                        maskImage, progress, timings);
                transforms = p.transforms();
                meanB0 = p.meanB0();
            }
            VolumeOutcome[] outcomes = last.outcomes();
            RegistrationDiagnostics diagnostics = diagnostics(outcomes);
            OutputOptions options = OutputOptions.defaults().withStorage(storage).withBidsLayout(false)
                    .withFdThreshold(config.fdThresholdMm());
            MotionTable motion = MotionTable.compute(transforms, grid, maskImage, table, diagnostics,
                    affine, pe, options.fdThresholdMm());

            long t = System.nanoTime();
            Map<Integer, float[]> predicted = predictions(last, QcReport.chooseVolumes(motion, options.worstVolumes(),
                    options.typicalVolumes()), plan, grid);
            last.release();
            last = null;
            timings.put("report predictions", seconds(t));

            Broadcast<IterationSpec> fin = jsc.broadcast(specs.of(model, table, transforms, true));
            SeriesOutputWriter.WrittenSeries written;
            try {
                t = System.nanoTime();
                Image3D dwiref = new Image3D(grid, meanB0 != null ? meanB0 : accumulate(jsc, fin,
                        b0Class(table), 1, grid, "b=0 volumes resampled").mean(0));
                timings.put("reference (mean aligned b=0)", seconds(t));
                RunInfo info = new RunInfo(DwimotionVersion.version(), commandLine, model.name(), config.fit().name(),
                        estimate.iterations(), config.transform(), stageTimings(timings), affine ? pe : null);
                LongAccumulator done = jsc.sc().longAccumulator("volumes resampled");
                progress.watch(List.of(new StageProgress.Stage("output", "volumes resampled", n, done)));
                SeriesResult series = new SeriesResult(config.dwi(), grid, transforms, diagnostics, table,
                        update.gradientsFor(transforms),
                        maskImage, dwiref, header.dataType(),
                        new JobVolumeSource(jsc, fin, readOptions, predicted, done), info);
                t = System.nanoTime();
                written = new SeriesOutputWriter(options).writeSeries(series, out.staging());
                progress.finish();
                timings.put("write outputs", seconds(t));
            } finally {
                fin.destroy();
            }
            timings.put("total", seconds(start));
            // an affine run's eddy axis, as resolved (option, sidecar or default), next to the options
            Map<String, Object> peEntry = null;
            if (affine) {
                peEntry = new LinkedHashMap<>();
                peEntry.put("code", phaseEncoding.code());
                peEntry.put("source", phaseEncoding.source());
                peEntry.put("world", List.of(pe[0], pe[1], pe[2]));
            }
            writeSummary(config, out, storage, model, estimate.iterations(), reference, brain.length, n, plan, jsc,
                    timings, outcomes, written, peEntry);
            out.commit();
            log.accept(String.format(Locale.ROOT, "[done] %s in %.1f s", out.target(), seconds(start)));
            double[] metric = new double[n];
            boolean[] converged = new boolean[n];
            for (VolumeOutcome o : outcomes) {
                metric[o.volume()] = o.metric();
                converged[o.volume()] = o.converged();
            }
            return new RunResult(out.target(), model, transforms, update.headMotion(transforms), metric, converged,
                    reference, brain.length, seconds(start), table.bvals(), grid.fieldOfViewCentre());
        } catch (IOException | RuntimeException | Error e) {
            out.abort(e);
            throw e;
        } finally {
            if (last != null) {
                last.release();
            }
            spark.sparkContext().removeSparkListener(progress);
            deleteLocalCopy(config.dwi());
        }
    }

    /**
     * What every pass's {@link IterationSpec} shares (the series, its chunk plan and mask, the phase-encoding
     * direction), so that a pass names only what changes: model, gradients, transforms.
     */
    private record Specs(RunConfig config, NiftiHeader header, ChunkPlan plan, int[] brain, double[] pe) {
        /**
         * A spec over every volume of the series.
         *
         * @param align whether the tasks resample the data with {@code transforms} (false: as acquired)
         */
        IterationSpec of(LovoModelType model, GradientTable g, double[] transforms, boolean align) {
            return of(model, g.bvals(), g.bvecs(), g.b0Threshold(), transforms, align,
                    IterationSpec.allVolumes(header.nt()));
        }

        /**
         * The b=0 pass's spec: only the b=0 volumes of {@code g}, as acquired, from identity. The b0 model predicts a
         * b=0 volume from the other b=0 volumes alone, so the diffusion-weighted volumes need not be read, fitted or
         * shuffled.
         */
        IterationSpec b0Pass(GradientTable g) {
            int[] b0 = g.b0Indices();
            double[] allBvals = g.bvals();
            double[] allBvecs = g.bvecs();
            double[] bvals = new double[b0.length];
            double[] bvecs = new double[3 * b0.length];
            for (int j = 0; j < b0.length; j++) {
                bvals[j] = allBvals[b0[j]];
                System.arraycopy(allBvecs, 3 * b0[j], bvecs, 3 * j, 3);
            }
            return of(LovoModelType.B0, bvals, bvecs, g.b0Threshold(), TransformSet.identities(b0.length), false, b0);
        }

        private IterationSpec of(LovoModelType model, double[] bvals, double[] bvecs, double b0Threshold,
                                 double[] transforms, boolean align, int[] seriesVolumes) {
            ImageGeometry grid = header.geometry();
            return new IterationSpec(config.dwi(), new int[] {grid.nx(), grid.ny(), grid.nz(), seriesVolumes.length},
                    grid.voxelToWorld(), plan.maskIndices(), brain, config.chunkVoxels(), model.ordinal(),
                    config.fit().ordinal(), bvals, bvecs, b0Threshold, transforms, align,
                    config.transform().ordinal(), config.seed(), pe, seriesVolumes);
        }
    }

    /**
     * The setup line's temporal prior: its name, and for a DKI run with DTI warm-ups the DKI span's share in the DKI
     * iteration's smoothing ({@link HiddenMotionSmoothing#dkiSpanWeight}), which depends on the series' b-values.
     */
    private static String temporalPrior(RunConfig config, LovoModelType model, IterationPlan plan,
                                        GradientTable table) {
        String name = config.temporalPrior().cliName();
        if (config.temporalPrior() != TemporalPrior.SMOOTH || model != LovoModelType.DKI || plan.maxIterations() < 2) {
            return name;
        }
        return String.format(Locale.ROOT, "%s (DKI iteration after DTI: DKI span's share %.2f)", name,
                HiddenMotionSmoothing.dkiSpanWeight(table.bvals()));
    }

    /**
     * The LOVO iterations' result: the transforms after the last, the last iteration itself (not released), and how
     * many ran.
     */
    private record Estimate(double[] transforms, Iteration last, int iterations) {
    }

    /**
     * The LOVO iterations of {@code plan} ({@link RunConfig#iterationPlan}; {@link MotionUpdate} between them), from
     * {@code b0Start}'s start, or the identity when it is null: each one's model, and whether there is another,
     * follow from what the earlier ones moved the estimates by ({@link IterationPlan#next}). With a b=0 start whose
     * sudden moves the first iteration's estimates refute ({@link B0Start#refutedBy}), the iterations restart once
     * from the start interpolated through those b=0 volumes. On failure the iteration in hand is released.
     */
    private Estimate estimate(JavaSparkContext jsc, Specs specs, MotionUpdate update, GradientTable table,
                              IterationPlan plan, B0Start b0Start, Image3D maskImage, StageProgress progress,
                              Map<String, Double> timings) {
        boolean startFromB0 = b0Start != null;
        boolean restartable = startFromB0 && b0Start.sudden().length > 0;
        int n = table.size();
        MotionUpdate.Step state = MotionUpdate.Step.start(startFromB0 ? b0Start.start() : TransformSet.identities(n));
        Iteration last = null;
        try {
            double[] moved = new double[0];
            for (LovoModelType iterationModel = plan.next(moved); iterationModel != null;
                 iterationModel = plan.next(moved)) {
                int k = moved.length + 1;
                if (last != null) {
                    last.release();
                    last = null;
                }
                boolean align = k > 1 || startFromB0;
                GradientTable g = align ? update.gradientsFor(state.transforms()) : table;
                IterationSpec spec = specs.of(iterationModel, g, state.transforms(), align);
                spec.design(); // validates the (rotated) design on the driver: clear errors before any task
                last = iterate(jsc, spec, progress, "iteration " + plan.label(k), timings);
                double[] raw = new double[16 * n];
                for (VolumeOutcome o : last.outcomes()) {
                    System.arraycopy(o.fixedToMoving(), 0, raw, 16 * o.volume(), 16);
                }
                MotionUpdate.Step step = update.next(raw, k, iterationModel, g, state);
                EstimateChange change = EstimateChange.between(state.transforms(), step.transforms(),
                        maskImage.geometry(), maskImage);
                log.accept(String.format(Locale.ROOT, "[iteration %s] %s: estimates moved %.3f mm (median over "
                        + "the volumes of the mean in-mask displacement), %.3f mm at most (volume %d)", plan.label(k),
                        iterationModel.name().toLowerCase(Locale.ROOT), change.medianMm(), change.maxMm(),
                        change.maxVolume()));
                moved = Arrays.copyOf(moved, k);
                moved[k - 1] = change.medianMm();
                state = step;
                if (restartable) {
                    restartable = false; // once, after the first iteration
                    int[] refuted = b0Start.refutedBy(state.transforms());
                    if (refuted.length > 0) {
                        log.accept("[iteration " + plan.label(k) + "] b=0 volume(s) " + Arrays.toString(refuted)
                                + ": the diffusion-weighted volumes around them moved with them, not a sudden move; "
                                + "restarting from the b=0 motion interpolated through them");
                        state = MotionUpdate.Step.start(b0Start.withKnots(refuted).start());
                        moved = new double[0];
                    }
                }
            }
            return new Estimate(state.transforms(), last, moved.length);
        } catch (RuntimeException | Error e) {
            if (last != null) {
                last.release();
            }
            throw e;
        }
    }

    /**
     * One iteration's result: the outcomes by volume, and the predictions shuffled by volume (their shuffle files
     * stay while this is referenced, so a later action on {@code predictions} reads them without refitting).
     * {@link #release()} destroys the broadcast.
     */
    private record Iteration(VolumeOutcome[] outcomes, JavaPairRDD<Integer, ChunkPrediction> predictions,
                             Broadcast<IterationSpec> spec) {
        void release() {
            spec.destroy();
        }
    }

    /**
     * The initial transforms ({@link InitialMotion#B0}): one pass that registers only the b=0 volumes, each to the
     * mean of the other b=0 volumes ({@code spec}: {@link Specs#b0Pass}; the same per-volume registration tasks as
     * an iteration), re-expressed relative to the reference b=0, the leave-one-out gain removed, and interpolated in
     * file order over the other volumes ({@link B0Start}, {@link B0MotionInterpolation}). {@link #estimate} checks its
     * sudden moves after the first iteration and restarts once from a corrected start when the DWIs refute one.
     *
     * @param n the series' volume count
     */
    private B0Start initialMotion(JavaSparkContext jsc, IterationSpec spec, int n, int reference,
                                  ImageGeometry grid, StageProgress progress, Map<String, Double> timings) {
        Iteration pass = iterate(jsc, spec, progress, "b=0 pass", timings);
        try {
            double[] raw = TransformSet.identities(n);
            int[] b0 = spec.seriesVolumes();
            for (int j = 0; j < b0.length; j++) {
                System.arraycopy(pass.outcomes()[j].fixedToMoving(), 0, raw, 16 * b0[j], 16);
            }
            double[] c = grid.fieldOfViewCentre();
            double[] b0Motion = B0MotionInterpolation.withoutLeaveOneOutGain(TransformSet.relativeTo(raw, reference),
                    b0, c);
            B0Start start = B0Start.of(b0Motion, b0, c);
            if (start.sudden().length > 0) {
                log.accept("[b=0 pass] sudden move of b=0 volume(s) " + Arrays.toString(start.sudden())
                        + ": left out of the initial motion's interpolation (each keeps its own transform; the "
                        + "first iteration checks it)");
            }
            return start;
        } finally {
            pass.release();
        }
    }

    /**
     * One LOVO iteration over the spec's volumes: ingest → fit/predict → register, one action; returns the outcomes
     * by the spec's volume index.
     */
    private Iteration iterate(JavaSparkContext jsc, IterationSpec spec, StageProgress progress, String name,
                              Map<String, Double> timings) {
        int n = spec.nVolumes();
        int parallelism = Math.max(1, jsc.defaultParallelism());
        ChunkPlan plan = spec.plan();
        int[] ingest = VolumeBlocks.starts(n, VolumeBlocks.count(n, plan.maskedVoxels(), INGEST_BUDGET_VALUES,
                parallelism));
        // registration cost varies by volume (convergence, b-value): many small ranges balance the cores, where
        // 2 per core left the last long task running alone
        int[] register = VolumeBlocks.starts(n, REGISTER_TASKS_PER_CORE * parallelism);
        int chunkPartitions = Math.max(1, Math.min(plan.numChunks(), 2 * parallelism));

        LongAccumulator read = jsc.sc().longAccumulator(name + " volumes read");
        LongAccumulator fitted = jsc.sc().longAccumulator(name + " chunks fitted");
        LongAccumulator registered = jsc.sc().longAccumulator(name + " volumes registered");
        LongAccumulator fallbacks = jsc.sc().longAccumulator(name + " WLS fallbacks");
        LongAccumulator clamped = jsc.sc().longAccumulator(name + " clamped predictions");
        progress.watch(List.of(
                new StageProgress.Stage(name + " ingest", "volumes read", n, read),
                new StageProgress.Stage(name + " fit/predict", "chunks fitted", plan.numChunks(), fitted),
                new StageProgress.Stage(name + " register", "volumes registered", n, registered)));
        Broadcast<IterationSpec> b = jsc.broadcast(spec);
        boolean ok = false;
        try {
            JavaRDD<Integer> blocks = jsc.parallelize(range(ingest.length - 1), ingest.length - 1);
            JavaPairRDD<Integer, VolumePiece> pieces = blocks.flatMapToPair(new IngestBlock(b, ingest, read));
            JavaPairRDD<Integer, ChunkPrediction> predictions = pieces
                    .groupByKey(new HashPartitioner(chunkPartitions))
                    .mapPartitionsToPair(new FitPredictChunks(b, fitted, fallbacks, clamped));
            JavaPairRDD<Integer, ChunkPrediction> byVolumeRange = predictions
                    .repartitionAndSortWithinPartitions(new VolumeRangePartitioner(register));
            List<VolumeOutcome> collected = byVolumeRange.mapPartitions(new RegisterVolumes(b, registered)).collect();
            double[] s = progress.finish();
            timings.put(name + " ingest", s[0]);
            timings.put(name + " fit/predict", s[1]);
            timings.put(name + " register", s[2]);
            VolumeOutcome[] byVolume = new VolumeOutcome[n];
            for (VolumeOutcome o : collected) {
                byVolume[o.volume()] = o;
            }
            int failed = 0;
            for (int v = 0; v < n; v++) {
                if (byVolume[v] == null) {
                    throw new IllegalStateException(name + ": no registration result for volume " + v);
                }
                failed += byVolume[v].registrationStatus().succeeded() ? 0 : 1;
            }
            if (failed > 0 || fallbacks.value() > 0 || clamped.value() > 0) {
                log.accept(String.format(Locale.ROOT, "[%s] %d registration(s) failed (transform kept), "
                        + "%d WLS fallback(s) to OLS, %d prediction(s) clamped to the voxel's observed range", name,
                        failed, fallbacks.value(), clamped.value()));
            }
            ok = true;
            return new Iteration(byVolume, byVolumeRange, b);
        } finally {
            if (!ok) {
                b.destroy();
            }
        }
    }

    /**
     * The last iteration's predictions of the report's volumes, assembled on the grid: one action that reads the
     * iteration's shuffle files (the fit is not run again) and keeps only those volumes' chunks, so the driver
     * holds just these few predicted volumes.
     */
    private static Map<Integer, float[]> predictions(Iteration last, List<QcReport.Choice> choices, ChunkPlan plan,
                                                     ImageGeometry grid) {
        int[] volumes = choices.stream().mapToInt(QcReport.Choice::volume).distinct().toArray();
        Map<Integer, List<ChunkPrediction>> parts = new TreeMap<>();
        if (volumes.length > 0) {
            for (Tuple2<Integer, ChunkPrediction> t : last.predictions().filter(new SelectVolumes(volumes)).collect()) {
                parts.computeIfAbsent(t._1(), v -> new ArrayList<>()).add(t._2());
            }
        }
        Map<Integer, float[]> out = new TreeMap<>();
        parts.forEach((v, p) -> out.put(v, PredictionAssembly.assemble(p, plan, grid.numVoxels())));
        return out;
    }

    /** The shell alignment's result: the aligned transforms and the mean aligned b=0 image it used. */
    private record ShellPass(double[] transforms, float[] meanB0) {
    }

    /**
     * {@code --shell-alignment mi}: the mean aligned image of the b=0 volumes and of each half of each shell (one
     * Spark pass, {@link #accumulate}; a shell's mean is pooled from its halves' sums), then each shell and its two
     * halves registered to the b=0 mean on the driver ({@link ShellAlignment}, {@link OffsetSignificance}); one log
     * line per shell.
     *
     * @param current the current transforms (not aligned yet), as the spec of the resampling tasks
     */
    private ShellPass alignShells(JavaSparkContext jsc, IterationSpec current, GradientTable table, Image3D mask,
                                  StageProgress progress, Map<String, Double> timings) {
        long t = System.nanoTime();
        int[] classOf = ShellAlignment.halfClasses(table);
        int classes = IntStream.of(classOf).max().orElse(0) + 1;
        ImageGeometry grid = current.geometry();
        Broadcast<IterationSpec> b = jsc.broadcast(current);
        ClassMeans means;
        try {
            means = accumulate(jsc, b, classOf, classes, grid, "shell alignment: volumes resampled");
        } finally {
            b.destroy();
        }
        float[] meanB0 = means.mean(ShellAlignment.B0_CLASS);
        ShellAlignment.ShellMeans[] shells = new ShellAlignment.ShellMeans[(classes + 1) / 2];
        for (int s = 1; s < shells.length; s++) {
            int a = ShellAlignment.halfAClass(s);
            float[] full = means.pooledMean(a, a + 1);
            if (full != null) {
                shells[s] = new ShellAlignment.ShellMeans(new Image3D(grid, full), image(grid, means.mean(a)),
                        image(grid, means.mean(a + 1)));
            }
        }
        timings.put("shell alignment: mean images", seconds(t));
        t = System.nanoTime();
        ShellAlignment.Settings settings = ShellAlignment.Settings.defaults();
        ShellAlignment.Result r = ShellAlignment.align(current.transforms(), table, new Image3D(grid, meanB0), shells,
                mask, settings);
        for (ShellAlignment.ShellOffset o : r.offsets()) {
            double[] p = o.parameters();
            OffsetSignificance sig = o.significance();
            String decision = o.meanDisplacementMm() > settings.maxOffsetMm()
                    ? "not applied: larger than " + settings.maxOffsetMm() + " mm"
                    : o.applied() ? "applied" : "not applied: not significant";
            // the split-half test runs only with k > 0 (ShellAlignment.Settings; k = 2 by default)
            String test = sig == null ? "" : String.format(Locale.ROOT, "; halves disagree by %.3f mm (noise %.3f mm, "
                    + "offset/noise %.2f, k %.1f)", sig.disagreementMm(), sig.noiseMm(), sig.ratio(), sig.k())
                    + (o.parameterTest() == null ? "" : ", parameters kept " + kept(o.parameterTest()));
            log.accept(String.format(Locale.ROOT, "[shell alignment] b=%.0f (%d volumes): offset %.3f mm mean "
                            + "displacement, t = (%.3f, %.3f, %.3f) mm, r = (%.3f, %.3f, %.3f) deg, "
                            + "MI %.4f -> %.4f%s: %s",
                    o.meanB(), o.volumes(), o.meanDisplacementMm(), p[0], p[1], p[2], Math.toDegrees(p[3]),
                    Math.toDegrees(p[4]), Math.toDegrees(p[5]), o.mutualInformationBefore(),
                    o.mutualInformationAfter(), test, decision));
        }
        timings.put("shell alignment: registration", seconds(t));
        return new ShellPass(r.transforms(), meanB0);
    }

    /** The names of the rigid parameters that pass the per-parameter test, e.g. {@code [rz]}. */
    private static String kept(ParameterSignificance test) {
        String[] names = {"tx", "ty", "tz", "rx", "ry", "rz"};
        boolean[] k = test.kept();
        List<String> out = new ArrayList<>();
        for (int j = 0; j < names.length; j++) {
            if (k[j]) {
                out.add(names[j]);
            }
        }
        return out.toString();
    }

    private static Image3D image(ImageGeometry grid, float[] data) {
        return data == null ? null : new Image3D(grid, data);
    }

    /**
     * The class sums of the volumes resampled with the spec's transforms by executors, a block at a time, summed on
     * the driver in volume order in double precision (the same whatever the partitioning).
     */
    private static ClassMeans accumulate(JavaSparkContext jsc, Broadcast<IterationSpec> spec, int[] classOf,
                                         int classes, ImageGeometry grid, String counter) {
        ClassMeans means = new ClassMeans(classOf, classes, grid.numVoxels());
        int[] volumes = means.volumes();
        LongAccumulator done = jsc.sc().longAccumulator(counter);
        Iterator<float[]> resampled = JobVolumeSource.resampledStream(jsc, spec, volumes, done);
        int count = 0;
        while (resampled.hasNext()) {
            float[] v = resampled.next();
            if (count < volumes.length) {
                means.add(volumes[count], v);
            }
            count++;
        }
        if (count != volumes.length) {
            throw new IllegalStateException(spec.value().dwiLocation() + ": " + count + " of " + volumes.length
                    + " volumes resampled");
        }
        return means;
    }

    /** Class 0 for the b=0 volumes, −1 for the others ({@link #accumulate}). */
    private static int[] b0Class(GradientTable table) {
        int[] c = new int[table.size()];
        java.util.Arrays.fill(c, -1);
        for (int v : table.b0Indices()) {
            c[v] = 0;
        }
        return c;
    }

    private static RegistrationDiagnostics diagnostics(VolumeOutcome[] outcomes) {
        int n = outcomes.length;
        double[] metric = new double[n];
        RegistrationStatus[] status = new RegistrationStatus[n];
        int[] iterations = new int[n];
        for (VolumeOutcome o : outcomes) {
            metric[o.volume()] = o.metric();
            status[o.volume()] = o.registrationStatus();
            iterations[o.volume()] = o.iterations();
        }
        return new RegistrationDiagnostics(metric, status, iterations);
    }

    private static Image3D maskImage(byte[] mask, ImageGeometry grid) {
        float[] m = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            m[i] = mask[i] != 0 ? 1f : 0f;
        }
        return new Image3D(grid, m);
    }

    private static List<StageTiming> stageTimings(Map<String, Double> timings) {
        List<StageTiming> out = new ArrayList<>();
        timings.forEach((stage, s) -> out.add(new StageTiming(stage, s)));
        return out;
    }

    private static void writeSummary(RunConfig c, OutputFolder out, Storage storage, LovoModelType model,
                                     int iterations, int reference, int maskVoxels, int n, ChunkPlan plan,
                                     JavaSparkContext jsc,
                                     Map<String, Double> timings, VolumeOutcome[] outcomes,
                                     SeriesOutputWriter.WrittenSeries written, Map<String, Object> phaseEncoding)
            throws IOException {
        int failed = 0;
        int converged = 0;
        for (VolumeOutcome o : outcomes) {
            failed += o.registrationStatus().succeeded() ? 0 : 1;
            converged += o.converged() ? 1 : 0;
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dwi", c.dwi());
        j.put("mask", c.mask());
        j.put("volumes", n);
        j.put("model", model.cliName());
        j.put("model_option", c.model());
        j.put("fit", c.fit().name().toLowerCase(Locale.ROOT));
        j.put("transform", c.transform().name().toLowerCase(Locale.ROOT));
        j.put("iterations", iterations);
        j.put("iterations_option", c.iterationsOption());
        j.put("initial_motion", c.initialMotion().cliName());
        j.put("temporal_prior", c.temporalPrior().cliName());
        j.put("shell_alignment", c.shellAlignment().cliName());
        j.put("chunk_voxels", c.chunkVoxels());
        j.put("seed", c.seed());
        j.put("b0_threshold", c.b0Threshold());
        j.put("fd_threshold", c.fdThresholdMm());
        if (phaseEncoding != null) {
            j.put("phase_encoding", phaseEncoding);
        }
        j.put("mask_voxels", maskVoxels);
        j.put("predicted_voxels", plan.maskedVoxels());
        j.put("chunks", plan.numChunks());
        j.put("reference_volume", reference);
        j.put("registrations_converged", converged);
        j.put("registrations_failed", failed);
        j.put("spark_master", jsc.master());
        j.put("default_parallelism", jsc.defaultParallelism());
        Map<String, Object> seconds = new LinkedHashMap<>();
        timings.forEach((stage, s) -> seconds.put(stage, Math.round(s * 1000) / 1000.0));
        j.put("stage_seconds", seconds);
        List<String> files = new ArrayList<>();
        for (String f : written.files()) {
            files.add(f.startsWith(out.staging() + "/") ? f.substring(out.staging().length() + 1) : f);
        }
        j.put("files", files);
        byte[] bytes = Json.write(j).getBytes(StandardCharsets.UTF_8);
        storage.writeAtomically(out.file(SUMMARY), o -> o.write(bytes));
    }

    private static byte[] readMask(String location, NiftiReadOptions options, ImageGeometry grid) throws IOException {
        NiftiImage image = NiftiReader.read(location, options);
        byte[] mask = new byte[image.voxelsPerVolume()];
        int selected = 0;
        float[] d = image.data();
        for (int i = 0; i < mask.length && i < d.length; i++) {
            if (d[i] > 0) {
                mask[i] = 1;
                selected++;
            }
        }
        SeriesChecks.checkMask(location, image.header(), grid, selected);
        return mask;
    }

    /**
     * The brain mask from the mean b=0 image. In local mode the tasks run in this JVM and read its uncompressed copy
     * of a {@code .nii.gz} ({@link ExecutorSeries}), so the mean is read through that copy: the series is then
     * decompressed once instead of twice (here up to its last b=0 volume, then whole by the first task, both on
     * the critical path). On a cluster the driver's copy would serve no task: the file is read directly.
     */
    private byte[] computeMask(String dwi, NiftiReadOptions options, int[] b0, ImageGeometry grid, boolean local)
            throws IOException {
        float[] mean;
        try (NiftiVolumeStream s = local ? ExecutorSeries.open(dwi, options) : NiftiReader.openVolumes(dwi, options)) {
            mean = MeanB0Ops.meanB0(s, b0);
        }
        byte[] mask = BrainMaskOps.computeMask(new Image3D(grid, mean));
        for (byte v : mask) {
            if (v != 0) {
                return mask;
            }
        }
        throw new IllegalArgumentException(dwi + ": the brain mask computed from the mean b=0 image is empty; "
                + "give one with --mask");
    }

    /**
     * Removes the uncompressed copy of this job's gzipped input made on this JVM ({@link ExecutorSeries}): the
     * only one in local mode; on a cluster the executors' copies go with the application's working directories.
     * Other series' copies stay: a bulk run's concurrent series share the folder.
     */
    private void deleteLocalCopy(String dwi) {
        try {
            ExecutorSeries.deleteCopy(dwi);
        } catch (IOException e) {
            log.accept("[warn] could not delete the local uncompressed copies of the input: " + e.getMessage());
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>(n);
        IntStream.range(0, n).forEach(r::add);
        return r;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
