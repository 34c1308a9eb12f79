package org.dwimotion.spark.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.DaemonThreads;
import org.dwimotion.bids.BidsDiscovery;
import org.dwimotion.bids.CompletionMarker;
import org.dwimotion.bids.DatasetScan;
import org.dwimotion.bids.DerivativeSidecars;
import org.dwimotion.bids.DwiSeries;
import org.dwimotion.bids.SeriesProblem;
import org.dwimotion.group.GroupSummary;
import org.dwimotion.group.RunSummary;
import org.dwimotion.group.SeriesOutcome;
import org.dwimotion.io.FileTree;
import org.dwimotion.io.FileTrees;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;
import org.dwimotion.report.GroupReport;
import org.dwimotion.spark.DwimotionVersion;

/**
 * The driver of {@code dwimotion run --bids}: every diffusion series of a BIDS dataset through the single-series
 * pipeline, {@code concurrentSeries} at a time, each failure isolated to its series (see {@code docs/bulk.md}).
 *
 * <ol>
 *   <li>Scan the dataset ({@link BidsDiscovery}); series with missing sidecars are failures from the start.</li>
 *   <li>Per series, in dataset order: a valid {@link CompletionMarker} (same inputs, options and version) skips it
 *       unless {@code overwrite}; otherwise whatever an earlier run left in its folder is deleted and the series
 *       is processed by a driver thread ({@link SeriesProcessor}: its Spark jobs, its files), then the marker is
 *       written — last. Only a small {@link SeriesOutcome} is kept per series.</li>
 *   <li>The group table, summary and page from the complete series ({@link GroupTables}, {@link GroupReport}),
 *       then the run summary {@code dwimotion_run-<time>.json} and {@code .tsv}.</li>
 * </ol>
 */
public final class BulkRun {
    static final String SUMMARY_TSV = "group_summary.tsv";
    static final String GROUP_PAGE = "dwimotion_group.html";

    /** What the run left: its exit code, the summary's location and the per-series outcomes in dataset order. */
    public record Result(int exitCode, String summaryJson, List<SeriesOutcome> outcomes) {
    }

    private final SparkSession spark;
    private final Consumer<String> log;
    private final SeriesProcessor processor;

    /** A run with the real per-series pipeline. */
    public BulkRun(SparkSession spark, BulkConfig config, Consumer<String> log) {
        this(spark, log, new JobSeriesProcessor(spark, config, log));
    }

    /** A run with another per-series step (tests inject failures with it). */
    public BulkRun(SparkSession spark, Consumer<String> log, SeriesProcessor processor) {
        this.spark = spark;
        this.log = log;
        this.processor = processor;
    }

    public Result run(BulkConfig config) throws IOException, InterruptedException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        FileTree tree = FileTrees.of(spark.sparkContext().hadoopConfiguration());
        Storage storage = Locations.storage(spark.sparkContext().hadoopConfiguration());
        String output = strip(config.output());
        DatasetScan scan = BidsDiscovery.scan(tree, config.bids(), config.participantLabels());
        tree.mkdirs(output);
        String version = DwimotionVersion.version();
        Map<String, String> options = config.resultOptions();
        // the output root is a BIDS derivative dataset: its own description (each series folder keeps one too)
        write(storage, output + "/dataset_description.json",
                DerivativeSidecars.datasetDescription(version, config.commandLine()));
        log.accept(String.format(Locale.ROOT, "[bulk] %s: %d series, %d unusable; %d at a time", scan.root(),
                scan.series().size(), scan.problems().size(), config.concurrentSeries()));

        List<Slot> slots = new ArrayList<>();
        for (SeriesProblem p : scan.problems()) {
            slots.add(new Slot(p.key(), SeriesOutcome.failed(p.key(), subjectOf(p.key()), null, p.file(), null, 0,
                    p.file(), p.reason())));
        }
        HeapSampler heap = new HeapSampler(config.heapAfterGc());
        ExecutorService pool = Executors.newFixedThreadPool(config.concurrentSeries(), new DaemonThreads("dwimotion-series"));
        ExecutorCompletionService<SeriesOutcome> done = new ExecutorCompletionService<>(pool);
        Map<Future<SeriesOutcome>, Slot> running = new LinkedHashMap<>();
        try {
            for (DwiSeries s : scan.series()) {
                String folder = s.outputFolder(output);
                String fingerprint = CompletionMarker.fingerprint(version, options, s.inputs());
                if (!config.overwrite() && complete(storage, folder, fingerprint)) {
                    slots.add(new Slot(s.key(), SeriesOutcome.skipped(s.key(), s.subject(), s.session(), s.dwi(),
                            folder, 0)));
                    continue;
                }
                Slot slot = new Slot(s.key(), null);
                slots.add(slot);
                running.put(done.submit(() -> processOne(s, folder, tree, storage, version, options)), slot);
            }
            long skipped = slots.stream().filter(x -> x.outcome != null
                    && x.outcome.status() == SeriesOutcome.Status.SKIPPED).count();
            if (skipped > 0) {
                log.accept("[bulk] " + skipped + " series already complete: skipped (--overwrite reprocesses them)");
            }
            for (int i = 0; i < running.size(); i++) {
                Future<SeriesOutcome> f = done.take();
                try {
                    running.get(f).outcome = f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("series task failed outside its error handling", e.getCause());
                }
                heap.sample();
            }
        } finally {
            pool.shutdownNow();
        }
        slots.sort(Comparator.comparing(x -> x.key));
        List<SeriesOutcome> outcomes = new ArrayList<>(slots.size());
        List<String> complete = new ArrayList<>();
        for (Slot s : slots) {
            outcomes.add(s.outcome);
            if (s.outcome.status() != SeriesOutcome.Status.FAILED) {
                complete.add(s.outcome.output());
            }
        }
        if (outcomes.isEmpty()) {
            log.accept("[bulk] no *_dwi.nii[.gz] series found under " + scan.root());
        }

        GroupTables.Group group = GroupTables.build(spark, tree, output, complete, config.fdThreshold());
        if (!group.series().isEmpty()) {
            String folder = output + "/" + GroupTables.FOLDER;
            write(storage, folder + "/" + SUMMARY_TSV, GroupSummary.tsv(group.series()));
            List<SeriesOutcome> failed = outcomes.stream()
                    .filter(o -> o.status() == SeriesOutcome.Status.FAILED).toList();
            write(storage, folder + "/" + GROUP_PAGE, GroupReport.html(scan.root(), group.series(), group.histogram(),
                    failed, RunSummary.count(outcomes, SeriesOutcome.Status.SKIPPED), config.fdThreshold()));
        }
        heap.sample();
        Map<String, Object> given = new LinkedHashMap<>(options);
        given.put("participant_labels", config.participantLabels());
        given.put("concurrent_series", config.concurrentSeries());
        given.put("overwrite", config.overwrite());
        given.put("chunk_voxels", config.series().chunkVoxels());
        RunSummary.Run run = new RunSummary.Run(version, started.toString(), Instant.now().toString(),
                (System.nanoTime() - t0) / 1e9, scan.root(), output, given, heap.figures());
        String base = output + "/" + RunSummary.baseName(started);
        write(storage, base + ".tsv", RunSummary.tsv(outcomes));
        write(storage, base + ".json", RunSummary.json(run, outcomes));
        int code = RunSummary.exitCode(outcomes);
        log.accept(String.format(Locale.ROOT, "[bulk] done in %.1f s: %d processed, %d skipped, %d failed; summary %s.json",
                run.seconds(), RunSummary.count(outcomes, SeriesOutcome.Status.PROCESSED),
                RunSummary.count(outcomes, SeriesOutcome.Status.SKIPPED),
                RunSummary.count(outcomes, SeriesOutcome.Status.FAILED), base));
        return new Result(code, base + ".json", outcomes);
    }

    /** One series on a driver thread; never throws: a failure becomes its outcome. */
    private SeriesOutcome processOne(DwiSeries s, String folder, FileTree tree, Storage storage, String version,
                                     Map<String, String> options) {
        long t = System.nanoTime();
        spark.sparkContext().setJobGroup("dwimotion-" + s.key(), "dwimotion " + s.key(), true);
        try {
            clearLeftovers(tree, folder);
            SeriesProcessor.Processed p = processor.process(s, folder);
            List<String> files = new ArrayList<>();
            for (FileTree.Entry e : tree.list(folder)) {
                files.add(e.name() + (e.directory() ? "/" : ""));
            }
            write(storage, folder + "/" + CompletionMarker.FILE_NAME, CompletionMarker.json(s, version, options,
                    Instant.now().toString(), files));
            double seconds = (System.nanoTime() - t) / 1e9;
            log.accept(String.format(Locale.ROOT, "[bulk] %s complete in %.1f s", s.key(), seconds));
            return new SeriesOutcome(s.key(), s.subject(), s.session(), s.dwi(), folder,
                    SeriesOutcome.Status.PROCESSED, seconds, p.volumes(), p.meanFd(), p.maxFd(), null, null);
        } catch (Exception | LinkageError | AssertionError e) {
            String reason = rootMessage(e);
            log.accept("[bulk] " + s.key() + " FAILED: " + reason);
            try {
                tree.deleteTree(folder);
            } catch (IOException | RuntimeException cleanup) {
                log.accept("[bulk] " + s.key() + ": could not delete the incomplete folder " + folder + ": "
                        + cleanup.getMessage());
            }
            return SeriesOutcome.failed(s.key(), s.subject(), s.session(), s.dwi(), folder,
                    (System.nanoTime() - t) / 1e9, fileOf(s, reason), reason);
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** A series folder without a valid marker, and staging folders of killed runs, are removed before a run. */
    private static void clearLeftovers(FileTree tree, String folder) throws IOException {
        tree.deleteTree(folder);
        String parent = folder.substring(0, folder.lastIndexOf('/'));
        String prefix = Locations.fileName(folder) + ".tmp-";
        for (FileTree.Entry e : tree.list(parent)) {
            if (e.name().startsWith(prefix)) {
                tree.deleteTree(e.location());
            }
        }
    }

    /** Whether the folder holds a marker with this fingerprint (an unreadable marker counts as absent). */
    static boolean complete(Storage storage, String folder, String fingerprint) {
        String marker = folder + "/" + CompletionMarker.FILE_NAME;
        try {
            if (!storage.exists(marker)) {
                return false;
            }
            try (InputStream in = storage.openRead(marker)) {
                return CompletionMarker.matches(new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8),
                        fingerprint);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The input the message is about (messages start with or contain the file), else the image. */
    static String fileOf(DwiSeries s, String reason) {
        for (FileTree.Entry e : s.inputs()) {
            if (reason != null && reason.contains(e.location())) {
                return e.location();
            }
        }
        for (FileTree.Entry e : s.inputs()) {
            if (reason != null && reason.contains(e.name())) {
                return e.location();
            }
        }
        return s.dwi();
    }

    /** The most specific message: Spark wraps task failures several times. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t.getMessage() == null || t instanceof org.apache.spark.SparkException
                || t instanceof java.io.UncheckedIOException || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static void write(Storage storage, String location, String text) throws IOException {
        storage.writeAtomically(location, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String subjectOf(String key) {
        return key.startsWith("sub-") ? key.substring(4).split("_", 2)[0] : key;
    }

    private static String strip(String s) {
        String r = s;
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    /** A series' place in the summary; the outcome is set once known. */
    private static final class Slot {
        final String key;
        volatile SeriesOutcome outcome;

        Slot(String key, SeriesOutcome outcome) {
            this.key = key;
            this.outcome = outcome;
        }
    }
}
