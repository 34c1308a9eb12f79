package org.dwimotion.spark.bulk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dwimotion.gradients.PhaseEncoding;
import org.dwimotion.spark.job.RunConfig;

/**
 * The options of {@code dwimotion run --bids}.
 *
 * @param bids              the BIDS dataset root (local path or {@code file:}, {@code hdfs://}, {@code s3a://} URI)
 * @param output            the output root; may exist (a rerun resumes into it)
 * @param participantLabels subjects to run ({@code 01} or {@code sub-01}); empty for all
 * @param concurrentSeries  series processed at the same time (≥ 1): the size of the driver's thread pool
 * @param overwrite         reprocess series whose outputs are already complete
 * @param heapAfterGc       run a full GC before each driver-heap sample (benchmarks only)
 * @param series            the per-series processing options; its {@code dwi}, {@code bval}, {@code bvec},
 *                          {@code mask} and {@code output} are ignored (each series sets its own)
 */
public record BulkConfig(String bids, String output, List<String> participantLabels, int concurrentSeries,
                         boolean overwrite, boolean heapAfterGc, RunConfig series) {

    public BulkConfig {
        if (bids == null || output == null) {
            throw new IllegalArgumentException("--bids and --output are required");
        }
        participantLabels = List.copyOf(participantLabels);
        if (concurrentSeries < 1 || concurrentSeries > 256) {
            throw new IllegalArgumentException("--concurrent-series " + concurrentSeries + ": must be 1 … 256");
        }
    }

    /**
     * The series' own configuration: the processing options with its inputs and output folder.
     *
     * @param sidecarPhaseEncoding the phase encoding of the series' JSON sidecar (inherited ones included), or null;
     *                             a {@code --phase-encoding} given for the whole run wins
     */
    public RunConfig forSeries(String dwi, String bval, String bvec, String folder,
                               PhaseEncoding sidecarPhaseEncoding) {
        RunConfig t = series;
        return new RunConfig(dwi, bval, bvec, null, folder, t.model(), t.fit(), t.transform(), t.iterations(),
                t.chunkVoxels(), t.seed(), t.b0Threshold(), t.initialMotion(), t.temporalPrior(),
                t.shellAlignment(), t.phaseEncoding() != null ? t.phaseEncoding() : sidecarPhaseEncoding,
                t.fdThresholdMm());
    }

    /** FD above which a volume is flagged, mm: the series' option, used for the group table too. */
    public double fdThreshold() {
        return series.fdThresholdMm();
    }

    /**
     * An equivalent command line: {@code dwimotion run --bids … --output …}, the subject selection and
     * concurrency, then every option of {@link #resultOptions()} (their keys are the option names with {@code _}
     * for {@code -}). For the provenance of the output root.
     */
    public String commandLine() {
        List<String> a = new java.util.ArrayList<>(List.of("dwimotion", "run", "--bids", bids, "--output", output));
        if (!participantLabels.isEmpty()) {
            a.add("--participant-label");
            a.addAll(participantLabels);
        }
        a.addAll(List.of("--concurrent-series", Integer.toString(concurrentSeries)));
        if (overwrite) {
            a.add("--overwrite");
        }
        resultOptions().forEach((k, v) -> a.addAll(List.of("--" + k.replace('_', '-'), v)));
        a.addAll(List.of("--chunk-voxels", Integer.toString(series.chunkVoxels())));
        return RunConfig.shellJoin(a);
    }

    /**
     * The options that change results, in a fixed order: what a completion marker's fingerprint covers. The chunk
     * size is left out (results do not depend on it).
     */
    public Map<String, String> resultOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        RunConfig t = series;
        m.put("model", t.model());
        m.put("fit", t.fit().name().toLowerCase(Locale.ROOT));
        m.put("transform", t.transform().name().toLowerCase(Locale.ROOT));
        m.put("iterations", t.iterationsOption());
        m.put("seed", Long.toString(t.seed()));
        m.put("b0_threshold", Double.toString(t.b0Threshold()));
        m.put("initial_motion", t.initialMotion().cliName());
        m.put("temporal_prior", t.temporalPrior().cliName());
        if (t.phaseEncoding() != null) {
            m.put("phase_encoding", t.phaseEncoding().code());
        }
        m.put("shell_alignment", t.shellAlignment().cliName());
        m.put("fd_threshold", Double.toString(t.fdThresholdMm()));
        return m;
    }
}
