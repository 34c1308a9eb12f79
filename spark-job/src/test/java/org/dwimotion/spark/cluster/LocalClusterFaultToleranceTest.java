package org.dwimotion.spark.cluster;

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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.dwimotion.spark.ClusterSmoke;
import org.dwimotion.spark.testing.LocalStandaloneCluster;
import org.dwimotion.spark.testing.SparkHomeLocator;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue #8: on a real standalone cluster (Master + 2 Worker JVMs), a job submitted with scripts/submit.sh
 * survives the loss of a worker while its tasks run, and gives the same checksum as local[2].
 *
 * <p>Runs in the {@code cluster-tests} execution (after package: it needs the shaded jar and target/spark-home):
 * {@code mvn -pl spark-job -am verify -Dtest=LocalClusterFaultToleranceTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("cluster")
@SparkTest
class LocalClusterFaultToleranceTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(150);
    private static final Pattern CHECKSUM = Pattern.compile("selftest checksum=([0-9a-f]{8})");

    /** 16 map tasks of ~0.6 s on 2 one-core executors: ~5 s of map stage to kill a worker in. */
    private static final ClusterSmoke.Params PARAMS = new ClusterSmoke.Params(48, 256, 8, 16, 600, null);

    /** Short-lived JVMs on a 2-core machine: C1 only and the serial collector cut start-up CPU. */
    private static final String LIGHT_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    @Test
    void jobSurvivesAKilledWorkerWithTheLocalChecksum(JavaSparkContext local) throws Exception {
        Path sparkHome = SparkHomeLocator.sparkHome();
        Path appJar = SparkHomeLocator.appJar();
        Path dir = SparkHomeLocator.clusterDir("fault-tolerance-" + System.currentTimeMillis());
        Path progress = Files.createDirectories(dir.resolve("progress"));

        Phases phases = new Phases();
        ClusterSmoke.Params quick = new ClusterSmoke.Params(PARAMS.chunks(), PARAMS.chunkLength(), PARAMS.keys(),
                PARAMS.partitions(), 0, null);
        String expected = String.format("%08x", ClusterSmoke.run(local, quick).checksum());
        assertEquals(String.format("%08x", ClusterSmoke.serial(quick).checksum()), expected);
        phases.done("local[2] run");

        try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(sparkHome, dir,
                LocalStandaloneCluster.Options.defaults())) {
            phases.done("cluster start");
            Path driverLog = dir.resolve("logs/driver.out");
            ProcessBuilder submit = new ProcessBuilder("bash",
                    SparkHomeLocator.repoRoot().resolve("scripts/submit.sh").toString(),
                    "--master", cluster.masterUrl(),
                    "--driver-memory", "512m", "--executor-memory", "512m",
                    "--conf", "spark.executor.extraJavaOptions=" + LIGHT_JVM,
                    "--", "selftest",
                    "--chunks", Integer.toString(PARAMS.chunks()),
                    "--chunk-length", Integer.toString(PARAMS.chunkLength()),
                    "--keys", Integer.toString(PARAMS.keys()),
                    "--partitions", Integer.toString(PARAMS.partitions()),
                    "--task-millis", Long.toString(PARAMS.taskMillis()),
                    "--progress-dir", progress.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(driverLog.toFile());
            submit.environment().put("DWIMOTION_SPARK_HOME", sparkHome.toString());
            submit.environment().put("DWIMOTION_APP_JAR", appJar.toString());
            submit.environment().put("DWIMOTION_JAVA_OPTS", LIGHT_JVM);
            Process driver = submit.start();
            try {
                awaitTasksOnExecutors(progress, 2, driver, driverLog);
                phases.done("submit until tasks run on both executors");
                assertTrue(driver.isAlive(), "the job must still be running when the worker dies");
                cluster.killWorker(1);
                assertFalse(cluster.workerAlive(1));

                if (!driver.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    fail("job did not finish within " + JOB_TIMEOUT + " after the worker was killed; "
                            + tail(driverLog));
                }
                phases.done("job end after the kill");
                System.out.println("cluster fault-tolerance test phases: " + phases);
                String out = Files.readString(driverLog, StandardCharsets.UTF_8);
                assertEquals(0, driver.exitValue(), () -> "driver failed: " + tail(driverLog));
                Matcher m = CHECKSUM.matcher(out);
                assertTrue(m.find(), () -> "no checksum in driver output: " + tail(driverLog));
                assertEquals(expected, m.group(1), "cluster checksum after losing a worker vs local[2]");
                assertTrue(markers(progress).stream().anyMatch(f -> !f.endsWith("-0")),
                        () -> "some map task must have run again after the loss: " + markers(progress));
            } finally {
                destroyTree(driver);
            }
        }
    }

    /** Wall-clock time per phase, printed for the CI log (no assertion on it). */
    private static final class Phases {
        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        void done(String phase) {
            long now = System.nanoTime();
            text.append(text.length() == 0 ? "" : ", ").append(phase).append(' ')
                    .append(String.format("%.1f s", (now - last) / 1e9));
            last = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Waits until map tasks have started on {@code n} distinct executors. */
    private static void awaitTasksOnExecutors(Path progress, int n, Process driver, Path driverLog)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (executorsWithTasks(progress).size() < n) {
            if (!driver.isAlive()) {
                fail("driver exited early with " + driver.exitValue() + ": " + tail(driverLog));
            }
            if (System.nanoTime() > deadline) {
                fail("tasks did not start on " + n + " executors within 120 s; " + tail(driverLog));
            }
            Thread.sleep(100);
        }
    }

    private static Set<String> executorsWithTasks(Path progress) throws IOException {
        try (Stream<Path> files = Files.list(progress)) {
            return files.map(f -> {
                try {
                    String s = Files.readString(f);
                    return s.startsWith("executor=") ? s.substring(9, s.indexOf(' ')) : "";
                } catch (IOException e) {
                    return ""; // being written
                }
            }).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        }
    }

    private static List<String> markers(Path progress) {
        try (Stream<Path> files = Files.list(progress)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of(e.toString());
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

    private static void destroyTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
    }
}
