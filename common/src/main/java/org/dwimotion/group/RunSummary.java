package org.dwimotion.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dwimotion.bids.Json;

/**
 * The summary of a bulk run, {@code <output>/dwimotion_run-<timestamp>.json} and {@code .tsv}: every series with
 * its status (processed, skipped, failed), time, and for failures the file and the reason; run-level counts, the
 * exit code and the driver's heap samples.
 *
 * <p>Exit codes ({@link #exitCode}): 0 when every series is complete (processed now or skipped as complete),
 * {@value #EXIT_SERIES_FAILED} when at least one series failed (the others completed), 2 when the dataset has no
 * diffusion series. 1 (bad arguments, unreadable dataset, output not writable) is decided before any series runs.
 */
public final class RunSummary {
    public static final int EXIT_OK = 0;
    public static final int EXIT_NO_SERIES = 2;
    public static final int EXIT_SERIES_FAILED = 3;

    public static final List<String> TSV_COLUMNS = List.of("series", "subject", "session", "status", "seconds",
            "volumes", "mean_fd", "max_fd", "output", "file", "reason");

    /**
     * Run-level facts.
     *
     * @param version       dwimotion version
     * @param started       ISO-8601 UTC instant
     * @param finished      ISO-8601 UTC instant
     * @param seconds       wall time of the run
     * @param dataset       the BIDS root
     * @param output        the output root
     * @param options       the run's options, as given (no credentials: none are options)
     * @param heap          driver heap figures
     */
    public record Run(String version, String started, String finished, double seconds, String dataset, String output,
                      Map<String, Object> options, DriverHeap heap) {
    }

    /**
     * Driver heap samples: used heap sampled after each series completed.
     *
     * @param afterGc       whether a full GC ran before each sample (benchmark mode) — otherwise the figures
     *                      include garbage and only bound the live set from above
     * @param samples       number of samples
     * @param maxUsedBytes  largest sample
     * @param lastUsedBytes the sample after the last series
     * @param maxHeapBytes  the JVM's maximum heap
     */
    public record DriverHeap(boolean afterGc, int samples, long maxUsedBytes, long lastUsedBytes, long maxHeapBytes) {
    }

    private RunSummary() {
    }

    public static int exitCode(List<SeriesOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return EXIT_NO_SERIES;
        }
        for (SeriesOutcome o : outcomes) {
            if (o.status() == SeriesOutcome.Status.FAILED) {
                return EXIT_SERIES_FAILED;
            }
        }
        return EXIT_OK;
    }

    public static long count(List<SeriesOutcome> outcomes, SeriesOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    public static String json(Run run, List<SeriesOutcome> outcomes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("DwimotionVersion", run.version());
        m.put("Started", run.started());
        m.put("Finished", run.finished());
        m.put("Seconds", round(run.seconds()));
        m.put("Dataset", run.dataset());
        m.put("Output", run.output());
        m.put("Options", new LinkedHashMap<>(run.options()));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("Series", outcomes.size());
        for (SeriesOutcome.Status s : SeriesOutcome.Status.values()) {
            counts.put(title(s), count(outcomes, s));
        }
        m.put("Counts", counts);
        m.put("ExitCode", exitCode(outcomes));
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("SampledAfterFullGc", run.heap().afterGc());
        heap.put("Samples", run.heap().samples());
        heap.put("MaxUsedBytes", run.heap().maxUsedBytes());
        heap.put("LastUsedBytes", run.heap().lastUsedBytes());
        heap.put("MaxHeapBytes", run.heap().maxHeapBytes());
        m.put("DriverHeap", heap);
        List<Object> series = new ArrayList<>();
        for (SeriesOutcome o : outcomes) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("Series", o.series());
            s.put("Subject", o.subject());
            s.put("Session", o.session());
            s.put("Status", o.status().name().toLowerCase(Locale.ROOT));
            s.put("Seconds", round(o.seconds()));
            s.put("Volumes", o.volumes());
            s.put("MeanFramewiseDisplacement", o.meanFd());
            s.put("MaxFramewiseDisplacement", o.maxFd());
            s.put("Input", o.input());
            s.put("Output", o.output());
            if (o.status() == SeriesOutcome.Status.FAILED) {
                s.put("File", o.file());
                s.put("Reason", o.reason());
            }
            series.add(s);
        }
        m.put("Series", series);
        return Json.write(m);
    }

    public static String tsv(List<SeriesOutcome> outcomes) {
        StringBuilder b = new StringBuilder(String.join("\t", TSV_COLUMNS)).append('\n');
        for (SeriesOutcome o : outcomes) {
            b.append(o.series()).append('\t').append(o.subject()).append('\t')
                    .append(o.session() == null ? "n/a" : o.session()).append('\t')
                    .append(o.status().name().toLowerCase(Locale.ROOT)).append('\t')
                    .append(String.format(Locale.ROOT, "%.3f", o.seconds())).append('\t')
                    .append(o.volumes() > 0 ? Integer.toString(o.volumes()) : "n/a").append('\t')
                    .append(GroupSummary.number(o.meanFd(), "%.6f")).append('\t')
                    .append(GroupSummary.number(o.maxFd(), "%.6f")).append('\t')
                    .append(o.output() == null ? "n/a" : o.output()).append('\t')
                    .append(o.file() == null ? "n/a" : o.file()).append('\t')
                    .append(o.reason() == null ? "n/a" : o.reason()).append('\n');
        }
        return b.toString();
    }

    /** {@code dwimotion_run-<yyyyMMdd'T'HHmmss'Z'>} (no colons: HDFS forbids them in names). */
    public static String baseName(java.time.Instant started) {
        return "dwimotion_run-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(started);
    }

    private static String title(SeriesOutcome.Status s) {
        String n = s.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
