package org.dwimotion.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.bids.CompletionMarker;
import org.dwimotion.spark.bulk.BulkConfig;
import org.dwimotion.spark.bulk.BulkRun;
import org.dwimotion.spark.bulk.BulkTestData;
import org.dwimotion.spark.testing.LocalStandaloneCluster;
import org.dwimotion.spark.testing.SparkHomeLocator;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue #8, bulk mode: the real {@code dwimotion run --bids} submitted with scripts/submit.sh to a standalone
 * cluster (Master + 2 one-core Worker JVMs) loses a worker and its executor while series tasks run, completes,
 * and gives transforms byte-identical to the same run on {@code local[2]} in the test JVM.
 *
 * <p>Runs in the {@code cluster-tests} execution (after package):
 * {@code mvn -pl spark-job -am verify -Dtest=BulkClusterFaultToleranceTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("cluster")
@SparkTest
class BulkClusterFaultToleranceTest {
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(180);
    private static final String LIGHT_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /** Enough LOVO iterations that tasks still run when the worker dies (each is 3 short stages per series). */
    private static final int ITERATIONS = 3;
    private static final List<String> SERIES = List.of("sub-01/ses-1/dwi/sub-01_ses-1", "sub-02/dwi/sub-02");

    @Test
    void bulkRunSurvivesAKilledWorkerWithTheLocalTransforms(SparkSession local) throws Exception {
        Path sparkHome = SparkHomeLocator.sparkHome();
        Path appJar = SparkHomeLocator.appJar();
        Path dir = SparkHomeLocator.clusterDir("bulk-fault-tolerance-" + System.currentTimeMillis());
        Path bids = dir.resolve("bids");
        BulkTestData.twoSubjects(bids);
        long t0 = System.nanoTime();

        Path localOut = dir.resolve("out-local");
        BulkConfig c = BulkTestData.config(bids.toString(), localOut.toString(), ITERATIONS);
        assertEquals(0, new BulkRun(local, c, x -> { }).run(c).exitCode());
        String phases = String.format("local[2] run %.1f s", (System.nanoTime() - t0) / 1e9);

        Path clusterOut = dir.resolve("out-cluster");
        try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(sparkHome, dir,
                LocalStandaloneCluster.Options.defaults())) {
            long t1 = System.nanoTime();
            Path driverLog = dir.resolve("logs/driver.out");
            ProcessBuilder submit = new ProcessBuilder("bash",
                    SparkHomeLocator.repoRoot().resolve("scripts/submit.sh").toString(),
                    "--master", cluster.masterUrl(),
                    "--driver-memory", "768m", "--executor-memory", "512m",
                    "--conf", "spark.executor.extraJavaOptions=" + LIGHT_JVM,
                    "--", "run", "--bids", bids.toString(), "--output", clusterOut.toString(),
                    "--model", "dti", "--fit", "wls", "--transform", "rigid",
                    "--iterations", Integer.toString(ITERATIONS), "--chunk-voxels", "400", "--seed", "0",
                    "--b0-threshold", "50", "--concurrent-series", "2")
                    .redirectErrorStream(true)
                    .redirectOutput(driverLog.toFile());
            submit.environment().put("DWIMOTION_SPARK_HOME", sparkHome.toString());
            submit.environment().put("DWIMOTION_APP_JAR", appJar.toString());
            submit.environment().put("DWIMOTION_JAVA_OPTS", LIGHT_JVM);
            Process driver = submit.start();
            try {
                awaitSeriesTasksOnBothWorkers(dir, driver, driverLog);
                phases += String.format(", submit until series tasks run on both workers %.1f s",
                        (System.nanoTime() - t1) / 1e9);
                assertTrue(driver.isAlive(), "the run must still be going when the worker dies");
                long t2 = System.nanoTime();
                cluster.killWorker(1);
                assertFalse(cluster.workerAlive(1));
                if (!driver.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    fail("run did not finish within " + JOB_TIMEOUT + " after the worker was killed; " + tail(driverLog));
                }
                phases += String.format(", run end after the kill %.1f s", (System.nanoTime() - t2) / 1e9);
                System.out.println("bulk cluster fault-tolerance phases: " + phases);
                assertEquals(0, driver.exitValue(), () -> "driver failed: " + tail(driverLog));
                assertTrue(Files.readString(driverLog, StandardCharsets.UTF_8).contains("Lost executor"),
                        () -> "the driver must have seen the executor go: " + tail(driverLog));
            } finally {
                List<ProcessHandle> tree = new ArrayList<>(driver.descendants().toList());
                tree.add(driver.toHandle());
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        }
        for (String s : SERIES) {
            assertTrue(Files.exists(clusterOut.resolve(s).resolve(CompletionMarker.FILE_NAME)), s);
            assertArrayEquals(Files.readAllBytes(localOut.resolve(s).resolve(BulkTestData.affines(s))),
                    Files.readAllBytes(clusterOut.resolve(s).resolve(BulkTestData.affines(s))),
                    s + ": cluster transforms after losing a worker vs local[2]");
        }
    }

    /**
     * Waits until both workers run an executor of the application and the driver reports series stage progress
     * (a finished task of a LOVO iteration).
     */
    private static void awaitSeriesTasksOnBothWorkers(Path dir, Process driver, Path driverLog)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (!(executorStarted(dir, 1) && executorStarted(dir, 2)
                && Files.readString(driverLog, StandardCharsets.UTF_8).contains("[iteration 1/"))) {
            if (!driver.isAlive()) {
                fail("driver exited early with " + driver.exitValue() + ": " + tail(driverLog));
            }
            if (System.nanoTime() > deadline) {
                fail("series tasks did not start on both workers within 150 s; " + tail(driverLog));
            }
            Thread.sleep(100);
        }
    }

    /** @param worker 1-based, as the work folders are named */
    private static boolean executorStarted(Path dir, int worker) throws IOException {
        Path work = dir.resolve("work/worker-" + worker);
        if (!Files.isDirectory(work)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(work, 3)) {
            return s.anyMatch(p -> p.getFileName().toString().equals("stderr"));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "driver log " + log + " ends with:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no driver log " + log + ")";
        }
    }
}
