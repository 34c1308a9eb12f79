package org.dwimotion.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class ClusterSmokeTest {

    @Test
    void sameChecksumWhateverThePartitioning(JavaSparkContext jsc, @TempDir Path progress) throws IOException {
        ClusterSmoke.Params p = new ClusterSmoke.Params(40, 64, 6, 5, 0, progress);
        ClusterSmoke.Result serial = ClusterSmoke.serial(p);
        assertEquals(serial, ClusterSmoke.run(jsc, p));
        assertEquals(serial, ClusterSmoke.run(jsc, new ClusterSmoke.Params(40, 64, 6, 13, 0, null)));
        assertEquals(6, serial.keys());
        assertTrue(serial.describe().startsWith("selftest checksum="), serial.describe());
        try (Stream<Path> markers = Files.list(progress)) {
            assertEquals(5, markers.filter(m -> m.getFileName().toString().endsWith("-0")).count(),
                    "one marker per first task attempt");
        }
        assertNotEquals(serial.checksum(), ClusterSmoke.serial(new ClusterSmoke.Params(40, 64, 5, 5, 0, null))
                .checksum());
    }

    @Test
    void selftestHelpIsAvailable() {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, DwimotionCli.execute("selftest", "--help"));
        } finally {
            System.setOut(before);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--task-millis"));
    }
}
