package org.dwimotion.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dwimotion.spark.testing.SparkHomeLocator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** scripts/local-cluster.sh start/status/stop leaves nothing running behind. */
@Tag("cluster")
class LocalClusterScriptTest {

    record Result(int exit, String output) {
    }

    @Test
    void startStatusStop() throws Exception {
        Path home = SparkHomeLocator.sparkHome();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid")),
                "scripts/local-cluster.sh needs setsid (util-linux)");
        SparkHomeLocator.appJar();
        Path dir = SparkHomeLocator.clusterDir("script-" + System.currentTimeMillis());
        List<Long> pids = new ArrayList<>();
        try {
            Result start = run(home, "start", "--workers", "1", "--memory", "512m", "--dir", dir.toString());
            assertEquals(0, start.exit(), start.output());
            assertTrue(start.output().contains("master spark://127.0.0.1:"), start.output());
            for (String f : List.of("master.pid", "worker-1.pid")) {
                pids.add(Long.parseLong(Files.readString(dir.resolve(f)).trim()));
            }

            Result status = run(home, "status", "--dir", dir.toString());
            assertEquals(0, status.exit(), status.output());
            assertTrue(status.output().contains("alive workers 1"), status.output());

            Result again = run(home, "start", "--dir", dir.toString());
            assertEquals(1, again.exit(), "a second start must refuse: " + again.output());
        } finally {
            Result stop = run(home, "stop", "--dir", dir.toString());
            assertEquals(0, stop.exit(), stop.output());
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " left");
        }
        Result after = run(home, "status", "--dir", dir.toString());
        assertEquals(3, after.exit(), after.output());
    }

    private static Result run(Path sparkHome, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash",
                SparkHomeLocator.repoRoot().resolve("scripts/local-cluster.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DWIMOTION_SPARK_HOME", sparkHome.toString());
        pb.environment().put("DWIMOTION_APP_JAR", SparkHomeLocator.appJar().toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes(); // the script's daemons write to their own logs
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + new String(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
