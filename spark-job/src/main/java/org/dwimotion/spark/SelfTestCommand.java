package org.dwimotion.spark;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dwimotion selftest}: runs {@link ClusterSmoke} on the configured master and prints its checksum, which
 * must equal the serial one. Hidden: it checks a deployment, it does not process data.
 */
@Command(name = "selftest", hidden = true, mixinStandardHelpOptions = true,
        description = "Run a small Kryo-registered broadcast + shuffle job and print its checksum.")
public final class SelfTestCommand implements Callable<Integer> {

    @Mixin
    SparkOptions spark;

    @Option(names = "--chunks", defaultValue = "64", description = "Input chunks (default: ${DEFAULT-VALUE}).")
    int chunks;

    @Option(names = "--chunk-length", defaultValue = "256", description = "Floats per chunk (default: ${DEFAULT-VALUE}).")
    int chunkLength;

    @Option(names = "--keys", defaultValue = "8", description = "Shuffle keys (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--partitions", defaultValue = "8", description = "Map tasks (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--task-millis", defaultValue = "0", description = "Sleep per map task, ms (default: ${DEFAULT-VALUE}).")
    long taskMillis;

    @Option(names = "--progress-dir", paramLabel = "DIR",
            description = "Directory (visible to executors) where each task attempt drops a marker file.")
    Path progressDir;

    @Override
    public Integer call() {
        ClusterSmoke.Params params = new ClusterSmoke.Params(chunks, chunkLength, keys, partitions, taskMillis,
                progressDir);
        SparkSession session = SparkSessions.create(spark.toSettings("dwimotion-selftest"));
        try {
            ClusterSmoke.Result got = ClusterSmoke.run(JavaSparkContext.fromSparkContext(session.sparkContext()),
                    params);
            ClusterSmoke.Result want = ClusterSmoke.serial(params);
            System.out.println(got.describe() + " master=" + session.sparkContext().master());
            if (got.checksum() != want.checksum()) {
                System.err.printf("selftest: FAILED, serial checksum is %08x%n", want.checksum());
                return 1;
            }
            System.out.println("selftest: OK (matches the serial computation)");
            return 0;
        } finally {
            session.stop();
        }
    }
}
