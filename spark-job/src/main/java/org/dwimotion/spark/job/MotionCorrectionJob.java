package org.dwimotion.spark.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiHeader;
import org.dwimotion.io.nifti.NiftiImage;
import org.dwimotion.io.nifti.NiftiReadOptions;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.io.nifti.NiftiVolumeStream;
import org.dwimotion.io.nifti.NiftiVolumeWriter;
import org.dwimotion.io.nifti.NiftiWriteOptions;
import org.dwimotion.io.nifti.NiftiWriter;
import org.dwimotion.mask.BrainMaskOps;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.pipeline.ChunkPrediction;
import org.dwimotion.pipeline.IterationSpec;
import org.dwimotion.pipeline.JsonText;
import org.dwimotion.pipeline.MaskDilation;
import org.dwimotion.pipeline.MeanB0Ops;
import org.dwimotion.pipeline.ModelChoice;
import org.dwimotion.pipeline.MotionTable;
import org.dwimotion.pipeline.SeriesChecks;
import org.dwimotion.pipeline.TransformSet;
import org.dwimotion.pipeline.VolumeBlocks;
import org.dwimotion.pipeline.VolumeOutcome;
import org.dwimotion.pipeline.VolumePiece;
import org.dwimotion.registration.method.RegistrationStatus;

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
 *   <li>Outputs, written into a staging folder committed at the end ({@link OutputFolder}).</li>
 * </ol>
 */
public final class MotionCorrectionJob {
    /** Floats an ingest task may hold in pieces (64 MB): bounds the volumes per ingest block. */
    static final long INGEST_BUDGET_VALUES = 1L << 24;
    /** Floats the driver may hold while writing the corrected series (64 MB): bounds the volumes per output block. */
    static final long OUTPUT_BUDGET_VALUES = 1L << 24;

    public static final String CORRECTED = "dwi_corrected.nii.gz";
    public static final String CORRECTED_BVAL = "dwi_corrected.bval";
    public static final String CORRECTED_BVEC = "dwi_corrected.bvec";
    public static final String MASK = "mask.nii.gz";
    public static final String TRANSFORMS = "transforms.json";
    public static final String MOTION = "motion.tsv";
    public static final String SUMMARY = "run_summary.json";

    private final SparkSession spark;
    private final Consumer<String> log;

    /** @param log receives the progress lines (the console) */
    public MotionCorrectionJob(SparkSession spark, Consumer<String> log) {
        this.spark = spark;
        this.log = log;
    }

    /** Runs the whole job; on failure nothing is left at {@code config.output()}. */
    public RunResult run(RunConfig config) throws IOException {
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
        int n = header.nt();
        int reference = table.b0Indices()[0];
        log.accept(String.format(Locale.ROOT, "[setup] %s: %dx%dx%d, %d volumes (%d b=0), model %s/%s, %s, %d iteration(s)",
                config.dwi(), grid.nx(), grid.ny(), grid.nz(), n, table.b0Indices().length, model.cliName(),
                config.fit().name().toLowerCase(Locale.ROOT), config.transform().name().toLowerCase(Locale.ROOT),
                config.iterations()));
        byte[] mask = config.mask() != null ? readMask(config.mask(), readOptions, grid)
                : computeMask(config.dwi(), readOptions, table.b0Indices(), grid);
        int[] brain = MaskDilation.indices(mask);
        ChunkPlan plan = ChunkPlan.fromMask(MaskDilation.dilate6(mask, grid.nx(), grid.ny(), grid.nz(),
                MaskDilation.PREDICTION_MARGIN_VOXELS), config.chunkVoxels());
        log.accept(String.format(Locale.ROOT, "[setup] mask %s: %d voxels; predicted region (mask + %d voxels) %d "
                        + "voxels in %d chunks of <= %d", config.mask() != null ? config.mask() : "computed from the mean b=0 image",
                brain.length, MaskDilation.PREDICTION_MARGIN_VOXELS, plan.maskedVoxels(), plan.numChunks(),
                config.chunkVoxels()));
        timings.put("setup", seconds(start));

        OutputFolder out = OutputFolder.begin(config.output(), hadoop);
        StageProgress progress = new StageProgress(log);
        spark.sparkContext().addSparkListener(progress);
        try {
            double[] transforms = TransformSet.identities(n);
            VolumeOutcome[] outcomes = null;
            for (int k = 1; k <= config.iterations(); k++) {
                GradientTable g = k == 1 ? table : table.reoriented(grid, TransformSet.split(transforms));
                IterationSpec spec = spec(config, header, plan, brain, model, g, transforms, k > 1);
                spec.design(); // validates the (rotated) design on the driver: clear errors before any task
                outcomes = iterate(jsc, spec, progress, "iteration " + k + "/" + config.iterations(), timings);
                double[] raw = new double[16 * n];
                for (VolumeOutcome o : outcomes) {
                    System.arraycopy(o.fixedToMoving(), 0, raw, 16 * o.volume(), 16);
                }
                transforms = TransformSet.relativeTo(raw, reference);
            }
            IterationSpec last = spec(config, header, plan, brain, model, table, transforms, true);
            long writeStart = System.nanoTime();
            writeCorrectedSeries(jsc, last, progress, out.file(CORRECTED), storage);
            timings.put("write corrected series", seconds(writeStart));
            RunResult result = writeTables(config, out, storage, grid, table, mask, transforms, outcomes, model,
                    reference, brain.length, seconds(start));
            timings.put("total", seconds(start));
            writeSummary(config, out.file(SUMMARY), storage, result, n, plan, jsc, timings, outcomes);
            out.commit();
            log.accept(String.format(Locale.ROOT, "[done] %s in %.1f s", out.target(), seconds(start)));
            return new RunResult(out.target(), model, transforms, result.metric(), result.converged(), reference,
                    brain.length, seconds(start));
        } catch (IOException | RuntimeException | Error e) {
            out.abort(e);
            throw e;
        } finally {
            spark.sparkContext().removeSparkListener(progress);
        }
    }

    private static IterationSpec spec(RunConfig c, NiftiHeader h, ChunkPlan plan, int[] brain, LovoModelType model,
                                      GradientTable g, double[] transforms, boolean align) {
        ImageGeometry grid = h.geometry();
        return new IterationSpec(c.dwi(), new int[] {grid.nx(), grid.ny(), grid.nz(), h.nt()}, grid.voxelToWorld(),
                plan.maskIndices(), brain, c.chunkVoxels(), model.ordinal(), c.fit().ordinal(), g.bvals(), g.bvecs(),
                g.b0Threshold(), transforms, align, c.transform().ordinal(), c.seed());
    }

    /** One LOVO iteration: ingest → fit/predict → register, one action; returns the outcomes by volume. */
    private VolumeOutcome[] iterate(JavaSparkContext jsc, IterationSpec spec, StageProgress progress, String name,
                                    Map<String, Double> timings) {
        int n = spec.nVolumes();
        int parallelism = Math.max(1, jsc.defaultParallelism());
        ChunkPlan plan = spec.plan();
        int[] ingest = VolumeBlocks.starts(n, VolumeBlocks.count(n, plan.maskedVoxels(), INGEST_BUDGET_VALUES,
                parallelism));
        int[] register = VolumeBlocks.starts(n, 2 * parallelism);
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
        try {
            JavaRDD<Integer> blocks = jsc.parallelize(range(ingest.length - 1), ingest.length - 1);
            JavaPairRDD<Integer, VolumePiece> pieces = blocks.flatMapToPair(new IngestBlock(b, ingest, read));
            JavaPairRDD<Integer, ChunkPrediction> predictions = pieces
                    .groupByKey(new HashPartitioner(chunkPartitions))
                    .mapPartitionsToPair(new FitPredictChunks(b, fitted, fallbacks, clamped));
            List<VolumeOutcome> collected = predictions
                    .repartitionAndSortWithinPartitions(new VolumeRangePartitioner(register))
                    .mapPartitions(new RegisterVolumes(b, registered))
                    .collect();
            double[] s = progress.finish();
            timings.put(name + " ingest", s[0]);
            timings.put(name + " fit/predict", s[1]);
            timings.put(name + " register", s[2]);
            VolumeOutcome[] byVolume = new VolumeOutcome[n];
            for (VolumeOutcome o : collected) {
                byVolume[o.volume()] = o;
            }
            for (int v = 0; v < n; v++) {
                if (byVolume[v] == null) {
                    throw new IllegalStateException(name + ": no registration result for volume " + v);
                }
            }
            int failed = 0;
            for (VolumeOutcome o : byVolume) {
                failed += o.registrationStatus().succeeded() ? 0 : 1;
            }
            if (failed > 0 || fallbacks.value() > 0 || clamped.value() > 0) {
                log.accept(String.format(Locale.ROOT, "[%s] %d registration(s) failed (transform kept), "
                        + "%d WLS fallback(s) to OLS, %d prediction(s) clamped to the voxel's observed range", name,
                        failed, fallbacks.value(), clamped.value()));
            }
            return byVolume;
        } finally {
            b.destroy();
        }
    }

    private void writeCorrectedSeries(JavaSparkContext jsc, IterationSpec spec, StageProgress progress,
                                      String location, Storage storage) throws IOException {
        int n = spec.nVolumes();
        ImageGeometry grid = spec.geometry();
        int parallelism = Math.max(1, jsc.defaultParallelism());
        int[] starts = VolumeBlocks.starts(n, VolumeBlocks.count(n, grid.numVoxels(), OUTPUT_BUDGET_VALUES,
                parallelism));
        LongAccumulator done = jsc.sc().longAccumulator("volumes resampled");
        progress.watch(List.of(new StageProgress.Stage("output", "volumes resampled", n, done)));
        Broadcast<IterationSpec> b = jsc.broadcast(spec);
        try (NiftiVolumeWriter writer = NiftiVolumeWriter.open(location, grid, n, NiftiDataType.FLOAT32, null,
                NiftiWriteOptions.defaults().withStorage(storage))) {
            Iterator<float[]> volumes = jsc.parallelize(range(starts.length - 1), starts.length - 1)
                    .flatMap(new ResampleBlock(b, starts, done))
                    .toLocalIterator();
            int written = 0;
            while (volumes.hasNext()) {
                writer.write(volumes.next(), 0);
                written++;
            }
            if (written != n) {
                throw new IllegalStateException(location + ": " + written + " of " + n + " volumes resampled");
            }
            writer.commit();
        } finally {
            progress.finish();
            b.destroy();
        }
    }

    private static RunResult writeTables(RunConfig config, OutputFolder out, Storage storage, ImageGeometry grid,
                                         GradientTable table, byte[] mask, double[] transforms,
                                         VolumeOutcome[] outcomes, LovoModelType model, int reference,
                                         int maskVoxels, double seconds) throws IOException {
        int n = table.size();
        float[] m = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            m[i] = mask[i];
        }
        NiftiWriter.write(out.file(MASK), grid, 1, m, NiftiDataType.INT16, NiftiWriteOptions.defaults().withStorage(storage));
        table.reoriented(grid, TransformSet.split(transforms)).writeFsl(out.file(CORRECTED_BVAL),
                out.file(CORRECTED_BVEC), storage);

        double[] metric = new double[n];
        boolean[] converged = new boolean[n];
        for (VolumeOutcome o : outcomes) {
            metric[o.volume()] = o.metric();
            converged[o.volume()] = o.converged();
        }
        double[] centre = grid.fieldOfViewCentre();
        double[] params = MotionTable.parameters(transforms, centre);
        double[] fd = MotionTable.framewiseDisplacement(params, MotionTable.FD_RADIUS_MM);
        writeText(storage, out.file(MOTION), MotionTable.tsv(params, fd, table.bvals(), metric, converged));

        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"convention\": ").append(JsonText.string("fixed_to_moving: 4x4 row-major, world RAS+ mm, maps a "
                + "point of the reference grid (the position of the reference volume) to the same anatomy in the "
                + "observed volume (ITK/ANTs fixed->moving); resampling volume v at fixed_to_moving(x) corrects it"))
                .append(",\n");
        j.append("  \"reference_volume\": ").append(reference).append(",\n");
        j.append("  \"centre_mm\": ").append(JsonText.array(centre)).append(",\n");
        j.append("  \"model\": ").append(JsonText.string(model.cliName())).append(",\n");
        j.append("  \"transform\": ").append(JsonText.string(config.transform().name().toLowerCase(Locale.ROOT)))
                .append(",\n");
        j.append("  \"volumes\": [\n");
        for (int v = 0; v < n; v++) {
            RegistrationStatus st = outcomes[v].registrationStatus();
            j.append("    {\"volume\": ").append(v).append(", \"bval\": ").append(JsonText.number(table.bval(v)))
                    .append(", \"status\": ").append(JsonText.string(st.name().toLowerCase(Locale.ROOT)))
                    .append(", \"fixed_to_moving\": ").append(JsonText.array(TransformSet.get(transforms, v)))
                    .append(v + 1 < n ? "},\n" : "}\n");
        }
        j.append("  ]\n}\n");
        writeText(storage, out.file(TRANSFORMS), j.toString());
        return new RunResult(out.target(), model, transforms, metric, converged, reference, maskVoxels, seconds);
    }

    private static void writeSummary(RunConfig c, String location, Storage storage, RunResult r, int n,
                                     ChunkPlan plan, JavaSparkContext jsc, Map<String, Double> timings,
                                     VolumeOutcome[] outcomes) throws IOException {
        int failed = 0;
        int converged = 0;
        for (VolumeOutcome o : outcomes) {
            failed += o.registrationStatus().succeeded() ? 0 : 1;
            converged += o.converged() ? 1 : 0;
        }
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"dwi\": ").append(JsonText.string(c.dwi())).append(",\n");
        j.append("  \"mask\": ").append(c.mask() == null ? "null" : JsonText.string(c.mask())).append(",\n");
        j.append("  \"volumes\": ").append(n).append(",\n");
        j.append("  \"model\": ").append(JsonText.string(r.model().cliName())).append(",\n");
        j.append("  \"model_option\": ").append(JsonText.string(c.model())).append(",\n");
        j.append("  \"fit\": ").append(JsonText.string(c.fit().name().toLowerCase(Locale.ROOT))).append(",\n");
        j.append("  \"transform\": ").append(JsonText.string(c.transform().name().toLowerCase(Locale.ROOT))).append(",\n");
        j.append("  \"iterations\": ").append(c.iterations()).append(",\n");
        j.append("  \"chunk_voxels\": ").append(c.chunkVoxels()).append(",\n");
        j.append("  \"seed\": ").append(c.seed()).append(",\n");
        j.append("  \"b0_threshold\": ").append(JsonText.number(c.b0Threshold())).append(",\n");
        j.append("  \"mask_voxels\": ").append(r.maskVoxels()).append(",\n");
        j.append("  \"predicted_voxels\": ").append(plan.maskedVoxels()).append(",\n");
        j.append("  \"chunks\": ").append(plan.numChunks()).append(",\n");
        j.append("  \"reference_volume\": ").append(r.referenceVolume()).append(",\n");
        j.append("  \"registrations_converged\": ").append(converged).append(",\n");
        j.append("  \"registrations_failed\": ").append(failed).append(",\n");
        j.append("  \"spark_master\": ").append(JsonText.string(jsc.master())).append(",\n");
        j.append("  \"default_parallelism\": ").append(jsc.defaultParallelism()).append(",\n");
        j.append("  \"stage_seconds\": {\n");
        int i = 0;
        for (Map.Entry<String, Double> e : timings.entrySet()) {
            j.append("    ").append(JsonText.string(e.getKey())).append(": ")
                    .append(String.format(Locale.ROOT, "%.3f", e.getValue()))
                    .append(++i < timings.size() ? ",\n" : "\n");
        }
        j.append("  }\n}\n");
        writeText(storage, location, j.toString());
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

    private byte[] computeMask(String dwi, NiftiReadOptions options, int[] b0, ImageGeometry grid) throws IOException {
        float[] mean;
        try (NiftiVolumeStream s = NiftiReader.openVolumes(dwi, options)) {
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

    private static void writeText(Storage storage, String location, String text) throws IOException {
        storage.writeAtomically(location, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
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
