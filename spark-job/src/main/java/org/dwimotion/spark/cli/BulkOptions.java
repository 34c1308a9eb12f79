package org.dwimotion.spark.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code dwimotion run} that select and steer a whole-dataset run ({@code --bids}). */
public final class BulkOptions {

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
}
