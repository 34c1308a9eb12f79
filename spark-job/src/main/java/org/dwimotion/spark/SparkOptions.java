package org.dwimotion.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * Spark options shared by every subcommand that starts Spark ({@code @Mixin SparkOptions spark;}).
 * See {@link SparkSessions} for how they combine with spark-submit and {@code conf/spark-defaults.conf}.
 */
public final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (local[*], local[4], spark://127.0.0.1:7077, ...). "
                    + "Default: the one spark-submit or conf/spark-defaults.conf gives, else local[*].")
    String master;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "Extra Spark setting, repeatable (e.g. --spark-conf spark.sql.shuffle.partitions=8).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--spark-ui", description = "Start the Spark web UI (off by default).")
    boolean ui;

    @Option(names = "--spark-defaults", paramLabel = "FILE",
            description = "Spark defaults file. Default: conf/spark-defaults.conf of the installation, else of the "
                    + "working directory, if present.")
    Path defaults;

    /** The settings these options describe, for an application called {@code appName}. */
    public SparkSettings toSettings(String appName) {
        Path file = defaults != null ? defaults : SparkDefaultsFile.locate();
        return new SparkSettings(appName, master, ui, file, conf);
    }
}
