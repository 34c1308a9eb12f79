package org.dwimotion.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dwimotion.spark.DwimotionCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    @Test
    void simulatesASmallSeriesIntoAFolder(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("demo");
        int code = DwimotionCli.execute("simulate", "--output", out.toString(), "--shape", "24,28,24",
                "--shells", "1000", "--directions", "12", "--b0", "2", "--seed", "3");
        assertEquals(0, code);
        for (String f : new String[] {"dwi.nii.gz", "dwi.bval", "dwi.bvec", "mask.nii.gz", "motion_truth.tsv",
                "motion_truth.json", "params/dki_d.nii.gz"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        String bval = Files.readString(out.resolve("dwi.bval")).trim();
        assertEquals(14, bval.split(" ").length);
        assertEquals(15, Files.readAllLines(out.resolve("motion_truth.tsv")).size());
        assertTrue(Files.readString(out.resolve("motion_truth.json")).contains("\"voxel_samples\": 2"),
                "default: voxels average 2 points per axis");
    }

    @Test
    void pointSamplesOnRequest(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("points");
        assertEquals(0, DwimotionCli.execute("simulate", "--output", out.toString(), "--shape", "24,28,24",
                "--shells", "1000", "--directions", "6", "--b0", "1", "--voxel-samples", "1"));
        assertTrue(Files.readString(out.resolve("motion_truth.json")).contains("\"voxel_samples\": 1"));
    }

    @Test
    void badOptionIsAUsageErrorNamingIt(@TempDir Path tmp) {
        assertUsageErrorNaming(tmp, "--snr", "-1");
        assertUsageErrorNaming(tmp, "--voxel-samples", "0");
    }

    private static void assertUsageErrorNaming(Path tmp, String option, String value) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = DwimotionCli.execute("simulate", "--output", tmp.resolve("x").toString(), option, value);
        } finally {
            System.setErr(saved);
        }
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(option), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
