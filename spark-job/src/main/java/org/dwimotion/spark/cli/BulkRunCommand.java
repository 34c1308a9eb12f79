package org.dwimotion.spark.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.spark.SparkOptions;
import org.dwimotion.spark.SparkSessions;
import org.dwimotion.spark.bulk.BulkConfig;
import org.dwimotion.spark.bulk.BulkRun;
import org.dwimotion.spark.job.RunConfig;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dwimotion run --bids}: validates the options, starts Spark and runs {@link BulkRun}. Exit codes: 0 every
 * series complete, 1 bad arguments or the run could not start or finish (message on stderr), 2 no series found,
 * 3 at least one series failed (listed in the run summary; the others are complete).
 */
final class BulkRunCommand {
    private final CommandSpec spec;
    private final SparkOptions sparkOptions;
    private final BulkOptions bulk;

    BulkRunCommand(CommandSpec spec, SparkOptions sparkOptions, BulkOptions bulk) {
        this.spec = spec;
        this.sparkOptions = sparkOptions;
        this.bulk = bulk;
    }

    /** @param template the processing options (its dwi and output fields are placeholders) */
    int call(String dwi, String bval, String bvec, String mask, Supplier<RunConfig> template) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BulkConfig config;
        try {
            if (bulk.bids == null) {
                throw new IllegalArgumentException("give --dwi (one series) or --bids (a whole dataset)");
            }
            if (dwi != null || bval != null || bvec != null || mask != null) {
                throw new IllegalArgumentException("--bids takes each series' files from the dataset: "
                        + "--dwi, --bval, --bvec and --mask cannot be combined with it");
            }
            RunConfig t = template.get();
            config = new BulkConfig(bulk.bids, t.output(), bulk.participantLabels, bulk.concurrentSeries,
                    bulk.overwrite, bulk.heapAfterGc, t);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
        SparkSession session = SparkSessions.create(sparkOptions.toSettings("dwimotion run --bids"));
        try {
            BulkRun.Result r = new BulkRun(session, config, line -> {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            }).run(config);
            return r.exitCode();
        } catch (Exception e) {
            out.flush();
            err.println("error: " + RunCommand.rootMessage(e));
            err.flush();
            return 1;
        } finally {
            session.stop();
        }
    }
}
