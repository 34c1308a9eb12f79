package org.dwimotion.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The formats of the truth, the job's transforms.json and the BIDS outputs' affines table. */
class TransformFilesTest {
    private static final double[] TWO = {
        1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1,
        0.9998, -0.02, 0, 1.5e-3, 0.02, 0.9998, 0, -2.25, 0, 0, 1, 0.5, 0, 0, 0, 1};

    @Test
    void jobJsonRoundTripsAndIsFoundInAResultFolder(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("transforms.json"), TransformFiles.jobJson(TWO, "fixed_to_moving: test"));
        assertEquals(tmp.resolve("transforms.json"), TransformFiles.findResult(tmp));
        assertArrayEquals(TWO, TransformFiles.readResult(tmp), 0);
    }

    @Test
    void affinesTablePreferredWhenPresent(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("transforms.json"), TransformFiles.jobJson(new double[16], "x"));
        Path dir = Files.createDirectories(tmp.resolve("sub-dwi/dwi"));
        StringBuilder b = new StringBuilder("volume");
        for (int q = 0; q < 16; q++) {
            b.append("\tm").append(q / 4).append(q % 4);
        }
        b.append('\n');
        for (int v = 0; v < 2; v++) {
            b.append(v);
            for (int q = 0; q < 16; q++) {
                b.append('\t').append(TWO[16 * v + q]);
            }
            b.append('\n');
        }
        Files.writeString(dir.resolve("sub-dwi_desc-hmc_affines.tsv"), b.toString());
        assertArrayEquals(TWO, TransformFiles.readResult(tmp), 0);
    }

    @Test
    void truthReadsTransformsAndCentreNotTheInverse(@TempDir Path tmp) throws Exception {
        String json = "{\"transform_convention\": \"fixed_to_moving: ITK\",\n \"centre_mm\": [0.0, -2.5, 1e-3],\n"
                + " \"volumes\": [\n  {\"volume\": 0, \"fixed_to_moving\": [1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0,"
                + " 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0],\n \"moving_to_fixed\": [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,"
                + " 9, 9, 9]},\n  {\"volume\": 1, \"fixed_to_moving\": [0.9998, -0.02, 0, 1.5E-3, 0.02, 0.9998, 0,"
                + " -2.25, 0, 0, 1, 0.5, 0, 0, 0, 1]}]}";
        Files.writeString(tmp.resolve("motion_truth.json"), json);
        TransformFiles.Truth t = TransformFiles.readTruth(tmp);
        assertArrayEquals(TWO, t.transforms(), 0);
        assertArrayEquals(new double[] {0, -2.5, 1e-3}, t.centre(), 0);
    }

    @Test
    void badFilesAreNamed(@TempDir Path tmp) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransformFiles.readResult(tmp));
        assertTrue(e.getMessage().contains(tmp.toString()) && e.getMessage().contains("transforms.json"),
                e.getMessage());
        Path f = tmp.resolve("transforms.json");
        Files.writeString(f, "{\"volumes\": [{\"fixed_to_moving\": [1, 0, 0]}]}");
        e = assertThrows(IllegalArgumentException.class, () -> TransformFiles.readResult(tmp));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("3 values"), e.getMessage());
        Files.writeString(f, "{\"volumes\": [{\"fixed_to_moving\": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, null, 0, 0, 0, 1]}]}");
        e = assertThrows(IllegalArgumentException.class, () -> TransformFiles.readResult(f));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        Path t = tmp.resolve("x_desc-hmc_affines.tsv");
        Files.writeString(t, "volume\tm00\n0\t1\n");
        e = assertThrows(IllegalArgumentException.class, () -> TransformFiles.readResult(t));
        assertTrue(e.getMessage().contains(t.toString()) && e.getMessage().contains("line 2"), e.getMessage());
    }
}
