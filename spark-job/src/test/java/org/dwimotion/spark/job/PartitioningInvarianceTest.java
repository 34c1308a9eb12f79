package org.dwimotion.spark.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.model.FitMethod;
import org.dwimotion.pipeline.ShellAlignmentMode;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.sim.SimulationConfig;
import org.dwimotion.spark.DwimotionCli;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results are identical, bit for bit, whatever the partitioning: chunk sizes 97 and 1000 in the shared local[2]
 * session, and local[1] in a separate JVM (one SparkContext per JVM) started through the command line. The same
 * files are written, and every one is compared byte for byte except those holding run times, the command line
 * or the master ({@link #RUN_DEPENDENT}); of the QC report, its mosaics (observed, predicted from the last
 * iteration, corrected) are compared. With {@code --shell-alignment mi}, so that the class means (summed on the
 * driver in volume order) and the shell registration are covered too.
 */
@SparkTest
class PartitioningInvarianceTest {
    /** 16×18×16 at 6 mm, b = 1000/2000 × 12 + 3 b=0 = 27 volumes: small and quick, still multi-shell. */
    static final SimulationConfig TINY = new SimulationConfig(new int[] {16, 18, 16}, 6.0,
            new double[] {1000, 2000}, 12, 3, 30, 2.0, 2.0, 1, 0.0, 3L);
    /** Files that hold timings, the command line (output folder) or the master. */
    static final Set<String> RUN_DEPENDENT = Set.of(MotionCorrectionJob.SUMMARY, "dataset_description.json",
            "sub-dwi_desc-hmc_dwi.json", "sub-dwi_desc-hmc_report.html");
    static final String REPORT = "sub-dwi_desc-hmc_report.html";
    private static final Pattern PNG = Pattern.compile("data:image/png;base64,[A-Za-z0-9+/=]+");

    @TempDir
    Path tmp;
    SimulatedSeriesFiles data;

    private RunConfig config(String out, int chunk) {
        return new RunConfig(data.dwi(), null, null, null, tmp.resolve(out).toString(), "dki", FitMethod.WLS,
                TransformType.RIGID, 2, chunk, 0L, 50).withShellAlignment(ShellAlignmentMode.MI);
    }

    @Test
    void chunkSizeAndLocalOneGiveIdenticalFiles(SparkSession spark) throws Exception {
        data = SimulatedSeriesFiles.write(tmp.resolve("in"), TINY);
        new MotionCorrectionJob(spark, line -> { }).run(config("k1000", 1000));
        new MotionCorrectionJob(spark, line -> { }).run(config("k97", 97));
        assertSameFiles(tmp.resolve("k1000"), tmp.resolve("k97"));

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognized") || a.startsWith("-Djdk.reflect")
                    || a.startsWith("-Dio.netty") || a.startsWith("-Dlog4j2")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), DwimotionCli.class.getName(), "run",
                "--dwi", data.dwi(), "--output", tmp.resolve("local1").toString(), "--master", "local[1]",
                "--model", "dki", "--fit", "wls", "--iterations", "2", "--chunk-voxels", "250",
                "--shell-alignment", "mi",
                "--spark-conf", "spark.driver.host=127.0.0.1", "--spark-conf", "spark.driver.bindAddress=127.0.0.1"));
        Path log = tmp.resolve("local1.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), () -> "local[1] run failed:\n" + read(log));
        assertSameFiles(tmp.resolve("k1000"), tmp.resolve("local1"));
    }

    private static void assertSameFiles(Path a, Path b) throws Exception {
        List<String> names = files(a);
        assertEquals(names, files(b), "file lists");
        assertTrue(names.size() > 27 + 10, () -> "BIDS outputs and 27 transform files expected: " + names);
        for (String name : names) {
            if (!RUN_DEPENDENT.contains(name)) {
                assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)),
                        name + " differs between " + a.getFileName() + " and " + b.getFileName());
            }
        }
        List<String> mosaics = mosaics(a.resolve(REPORT));
        assertEquals(15, mosaics.size(), "observed, predicted and corrected panels of 5 volumes");
        assertEquals(mosaics, mosaics(b.resolve(REPORT)), "report mosaics differ");
    }

    /** Every file under {@code dir}, relative, sorted. */
    static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    static List<String> mosaics(Path report) throws Exception {
        return PNG.matcher(Files.readString(report)).results().map(MatchResult::group).toList();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    static boolean leftovers(Path dir, String prefix) {
        File[] files = dir.toFile().listFiles((d, n) -> n.startsWith(prefix));
        return files != null && files.length > 0;
    }
}
