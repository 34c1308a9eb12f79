package org.dwimotion.spark.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The options of {@code dwimotion run} that select and steer a whole-dataset run ({@code --bids}). */
public final class BulkOptions {
    /** The options below that a --dwi run would silently ignore. */
    private static final List<String> BIDS_ONLY =
            List.of("--participant-label", "--concurrent-series", "--overwrite", "--heap-sample-after-gc");

    @Option(names = "--bids", paramLabel = "DIR",
            description = "Process every sub-*/[ses-*/]dwi/*_dwi.nii[.gz] of this BIDS dataset (local path or file:, "
                    + "hdfs://, s3a:// URI) instead of one --dwi series. --output is then the output root: one "
                    + "folder per series, the group table and page, a run summary; a rerun skips complete series.")
    String bids;

    @Option(names = "--participant-label", arity = "1..*", paramLabel = "LABEL",
            description = "With --bids: only these subjects (01 or sub-01). Default: all.")
    List<String> participantLabels = new ArrayList<>();

    @Option(names = "--concurrent-series", paramLabel = "N", defaultValue = "2",
            description = "With --bids: series processed at the same time (their Spark jobs share the cluster). "
                    + "Default: ${DEFAULT-VALUE}.")
    int concurrentSeries;

    @Option(names = "--overwrite",
            description = "With --bids: reprocess series whose outputs are already complete.")
    boolean overwrite;

    @Option(names = "--heap-sample-after-gc", hidden = true,
            description = "Benchmarks: full GC before each driver-heap sample of the run summary.")
    boolean heapAfterGc;

    /**
     * The first option of a whole-dataset run given on this command line, or null. A one-series run refuses it
     * rather than ignore it: {@code --dwi … --concurrent-series 4} would otherwise look like it was honoured.
     */
    static String firstBidsOnlyOption(ParseResult parsed) {
        if (parsed == null) {
            return null;
        }
        return BIDS_ONLY.stream().filter(parsed::hasMatchedOption).findFirst().orElse(null);
    }
}
