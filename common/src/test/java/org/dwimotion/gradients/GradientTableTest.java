package org.dwimotion.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dwimotion.Conventions;
import org.dwimotion.io.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class GradientTableTest {
    @TempDir
    Path dir;

    private String file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private static void assertProblem(String fileInMessage, String problem, Executable read) {
        GradientFormatException e = assertThrows(GradientFormatException.class, read);
        assertTrue(e.getMessage().contains(fileInMessage), e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in: " + e.getMessage());
    }

    @Test
    void readsBothLayoutsAndSeparators() throws IOException {
        String bval = file("a.bval", "0 1000, 2000 3000\n");
        GradientTable fsl = GradientTable.read(bval, file("a.bvec", "0 1 0 0\n0 0 0.6 0\n0 0 0.8 1\n"));
        GradientTable rows = GradientTable.read(bval, file("b.bvec", "nan nan nan\n1,0,0\n0 0.6 0.8\n0\t0 1\n"));
        GradientTable oneColumn = GradientTable.read(file("c.bval", "0\n1000\n2000\n3000\n"), file("c.bvec",
                "0 0 0\n1 0 0\n0 0.6 0.8\n0 0 1\n"));
        double[] expected = {0, 0, 0, 1, 0, 0, 0, 0.6, 0.8, 0, 0, 1};
        assertArrayEquals(expected, fsl.bvecs(), 1e-15);
        assertArrayEquals(expected, rows.bvecs(), 1e-15);
        assertArrayEquals(expected, oneColumn.bvecs(), 1e-15);
        assertArrayEquals(new double[] {0, 1000, 2000, 3000}, fsl.bvals());
        assertArrayEquals(new int[] {0}, fsl.b0Indices());
        assertArrayEquals(new int[] {1, 2, 3}, fsl.dwiIndices());
    }

    @Test
    void threeVolumesAreReadAsFslThreeByN() throws IOException {
        // 3×3 is ambiguous: FSL's 3×N layout wins (columns are vectors)
        GradientTable g = GradientTable.read(file("s.bval", "0 1000 1000\n"), file("s.bvec", "0 1 0\n0 0 1\n0 0 0\n"));
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, g.bvecs(), 0.0);
    }

    @Test
    void normalisationRule() {
        GradientTable g = GradientTable.of(new double[] {1000, 1000, 0, 30},
                new double[] {0.5, 0, 0, 1.004, 0, 0, 0, 0, 0, 0, 3, 4});
        // norm 0.5: normalised, b scaled by 0.25; norm 1.004 (rounding): kept as written, as DIPY does;
        // b0 zero vector kept; norm 5 on a b=30 row: b becomes 750, no longer a b0
        assertArrayEquals(new double[] {250, 1000, 0, 750}, g.bvals(), 1e-9);
        assertArrayEquals(new double[] {1, 0, 0, 1.004, 0, 0, 0, 0, 0, 0, 0.6, 0.8}, g.bvecs(), 1e-15);
        assertArrayEquals(new int[] {2}, g.b0Indices());
    }

    @Test
    void zeroVectorOnDiffusionRowIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GradientTable.of(new double[] {1000},
                new double[] {0, 0, 0}));
    }

    @Test
    void countMismatchBetweenFiles() throws IOException {
        String bval = file("m.bval", "0 1000 1000 1000\n");
        String bvec = file("m.bvec", "0 1 0\n0 0 1\n0 0 0\n");
        assertProblem(bvec, "expected 3 rows of 4 values or 4 rows of 3 values", () -> GradientTable.read(bval, bvec));
    }

    @Test
    void countMismatchWithTheImage() throws IOException {
        GradientTable g = GradientTable.read(file("n.bval", "0 1000\n"), file("n.bvec", "0 1\n0 0\n0 0\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.requireVolumes(3, "x.nii.gz"));
        assertTrue(e.getMessage().contains("n.bval") && e.getMessage().contains("x.nii.gz")
                && e.getMessage().contains("2 gradients") && e.getMessage().contains("3 volumes"), e.getMessage());
    }

    @Test
    void nonNumericToken() throws IOException {
        String bval = file("t.bval", "0 1000 abc\n");
        String bvec = file("t.bvec", "0 1 0\n0 0 1\n0 0 0\n");
        assertProblem(bval, "non-numeric token 'abc' on line 1", () -> GradientTable.read(bval, bvec));
        String bvec2 = file("t2.bvec", "0 1 0\n0 0 1x\n0 0 0\n");
        String bval2 = file("t2.bval", "0 1000 1000\n");
        assertProblem(bvec2, "non-numeric token '1x' on line 2", () -> GradientTable.read(bval2, bvec2));
    }

    @Test
    void nanOnDiffusionRowAndNegativeB() throws IOException {
        String bval = file("u.bval", "0 1000\n");
        String bvec = file("u.bvec", "0 nan\n0 nan\n0 nan\n");
        assertProblem("u.bvec", "volume 1 has b=1000.0 but a NaN gradient vector", () -> GradientTable.read(bval, bvec));
        String neg = file("v.bval", "0 -5\n");
        assertProblem("v.bval", "b-value -5.0", () -> GradientTable.read(neg, file("v.bvec", "0 1\n0 0\n0 0\n")));
    }

    @Test
    void emptyAndMissingFiles() throws IOException {
        String empty = file("e.bval", "\n\n");
        assertProblem(empty, "holds no b-values", () -> GradientTable.read(empty, empty));
        String nifti = dir.resolve("nothing.nii.gz").toString();
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> GradientTable.fromSidecars(nifti));
        assertTrue(e.getMessage().contains("nothing.bval"), e.getMessage());
    }

    @Test
    void sidecarDiscovery() throws IOException {
        file("sub.bval", "0 1000\n");
        file("sub.bvec", "0 1\n0 0\n0 0\n");
        assertEquals(2, GradientTable.fromSidecars(dir.resolve("sub.nii.gz").toString()).size());
        assertEquals(2, GradientTable.fromSidecars(dir.resolve("sub.nii").toString()).size());
    }

    @Test
    void writeAndReadBack() throws IOException {
        GradientTable g = GradientTable.of(new double[] {0, 1000, 2000.5, 3000},
                new double[] {0, 0, 0, 0.6, 0.8, 0, -0.36, 0.48, 0.8, 0, 0, 1});
        String bval = dir.resolve("w.bval").toString();
        String bvec = dir.resolve("w.bvec").toString();
        g.writeFsl(bval, bvec, Locations.storage());
        GradientTable back = GradientTable.read(bval, bvec);
        assertArrayEquals(g.bvals(), back.bvals(), 1e-6);
        assertArrayEquals(g.bvecs(), back.bvecs(), 1e-10);
        assertEquals(3, Files.readAllLines(Path.of(bvec)).size());
    }

    @Test
    void shellsGroupWithinTolerance() {
        GradientTable g = GradientTable.of(new double[] {0, 5, 990, 1010, 1060, 2000, 2090, 2150},
                unitVectors(8));
        var shells = g.shells();
        assertEquals(4, shells.size());
        assertArrayEquals(new int[] {0, 1}, shells.get(0).volumes());
        assertArrayEquals(new int[] {2, 3, 4}, shells.get(1).volumes());
        assertArrayEquals(new int[] {5, 6}, shells.get(2).volumes());
        assertArrayEquals(new int[] {7}, shells.get(3).volumes());
        assertEquals(Conventions.DEFAULT_SHELL_TOLERANCE, 100.0);
    }

    @Test
    void serialisable() throws Exception {
        GradientTable g = GradientTable.of(new double[] {0, 1000}, new double[] {0, 0, 0, 0, 1, 0});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(g);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(g, in.readObject());
        }
    }

    private static double[] unitVectors(int n) {
        double[] v = new double[3 * n];
        for (int i = 0; i < n; i++) {
            v[3 * i + i % 3] = 1;
        }
        return v;
    }
}
