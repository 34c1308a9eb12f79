package org.dwimotion.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.io.nifti.NiftiImage;
import org.dwimotion.io.nifti.NiftiReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationWriterTest {
    private static final SimulationConfig CONFIG = new SimulationConfig(new int[] {16, 18, 16}, 4.5,
            new double[] {1000, 2000}, 6, 2, 30, 2, 2, 1, 0.01, 4);
    private static final SimulatedSeries SERIES = new DwiSimulator().simulate(CONFIG);

    @Test
    void streamingWriteGivesTheSameFilesAsTheSeriesInMemory(@TempDir Path tmp) throws IOException {
        SimulationWriter.write(SERIES, CONFIG, tmp.resolve("held"));
        SimulationWriter.write(new DwiSimulator().volumes(CONFIG), CONFIG, tmp.resolve("streamed"));
        try (Stream<Path> files = Files.walk(tmp.resolve("held"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path other = tmp.resolve("streamed").resolve(tmp.resolve("held").relativize(f));
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(other), f.getFileName().toString());
            }
        }
    }

    @Test
    void writesTheSeriesTheGradientsAndTheTruth(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("sim");
        SimulationWriter.write(SERIES, CONFIG, out);
        NiftiImage dwi = NiftiReader.read(out.resolve("dwi.nii.gz").toString());
        assertEquals(SERIES.volumes(), dwi.nt());
        assertArrayEquals(SERIES.data(), dwi.data());
        assertTrue(dwi.geometry().sameGrid(SERIES.geometry(), 1e-6));
        GradientTable table = GradientTable.read(out.resolve("dwi.bval").toString(), out.resolve("dwi.bvec").toString());
        assertArrayEquals(SERIES.scheme().bvals(), table.bvals(), 0);
        // back in world coordinates, the FSL-frame vectors are the scanner-frame gradients
        assertArrayEquals(SERIES.scheme().bvecs(), table.worldBvecs(dwi.geometry()), 1e-7);
        // and the grid is RAS with a positive determinant: the FSL frame is the world with x negated
        for (int v = 0; v < SERIES.volumes(); v++) {
            assertEquals(-SERIES.scheme().bvecs()[3 * v], table.bvec(v, 0), 1e-7);
        }
        NiftiImage mask = NiftiReader.read(out.resolve("mask.nii.gz").toString());
        for (int v = 0; v < mask.data().length; v++) {
            assertEquals(SERIES.phantom().mask()[v], mask.data()[v], 0);
        }
        assertEquals(15, NiftiReader.read(out.resolve("params/dki_w.nii.gz").toString()).nt());
        assertEquals(6, NiftiReader.read(out.resolve("params/dki_d.nii.gz").toString()).nt());
        assertTrue(Files.readString(out.resolve("motion_truth.tsv")).startsWith("volume\tbval\ttrans_x"));
        assertTrue(Files.readString(out.resolve("motion_truth.json")).contains("\"fixed_to_moving\""));
        assertOnlyChild(tmp, "sim");
    }

    @Test
    void refusesANonEmptyOutputAndLeavesNothingBehind(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectory(tmp.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> SimulationWriter.write(SERIES, CONFIG, out));
        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("not an empty folder"),
                e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
        assertOnlyChild(tmp, "taken");
    }

    @Test
    void unwritableParentGivesAClearErrorAndNoFolder(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        Path out = file.resolve("sim"); // parent is a file: cannot be created
        IOException e = assertThrows(IOException.class, () -> SimulationWriter.write(SERIES, CONFIG, out));
        assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
        assertFalse(Files.exists(out));
        assertOnlyChild(tmp, "plain-file");
    }

    private static void assertOnlyChild(Path dir, String name) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            assertArrayEquals(new String[] {name}, children.map(p -> p.getFileName().toString()).toArray(String[]::new));
        }
    }
}
