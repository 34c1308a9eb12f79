package org.dwimotion.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.LocalStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhaseEncodingTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheSidecarNextToTheSeries() throws Exception {
        Path dwi = tmp.resolve("sub-01_dwi.nii.gz");
        Files.writeString(tmp.resolve("sub-01_dwi.json"),
                "{\n  \"EchoTime\": 0.089,\n  \"PhaseEncodingDirection\" : \"i-\",\n  \"TotalReadoutTime\": 0.05\n}\n");
        PhaseEncoding pe = PhaseEncoding.forSeries(dwi.toString(), LocalStorage.INSTANCE);
        assertEquals("i-", pe.code());
        assertEquals(0, pe.voxelAxis());
        assertTrue(pe.reversed());
        assertEquals(tmp.resolve("sub-01_dwi.json").toString(), pe.source());
    }

    @Test
    void defaultsToTheSecondVoxelAxisAndSaysWhy() throws Exception {
        Path dwi = tmp.resolve("dwi.nii");
        PhaseEncoding none = PhaseEncoding.forSeries(dwi.toString(), LocalStorage.INSTANCE);
        assertEquals("j", none.code());
        assertTrue(none.source().startsWith("default (no "), none.source());
        Files.writeString(tmp.resolve("dwi.json"), "{\"EchoTime\": 0.089}");
        PhaseEncoding without = PhaseEncoding.forSeries(dwi.toString(), LocalStorage.INSTANCE);
        assertEquals("j", without.code());
        assertTrue(without.source().contains("has no PhaseEncodingDirection"), without.source());
    }

    @Test
    void refusesInvalidValuesNamingTheSidecar() throws Exception {
        Path dwi = tmp.resolve("dwi.nii.gz");
        Path json = tmp.resolve("dwi.json");
        Files.writeString(json, "{\"PhaseEncodingDirection\": \"y\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhaseEncoding.forSeries(dwi.toString(), LocalStorage.INSTANCE));
        assertTrue(e.getMessage().contains(json.toString()) && e.getMessage().contains("'y'"), e.getMessage());
        Files.writeString(json, "{\"PhaseEncodingDirection\": 2}");
        e = assertThrows(IllegalArgumentException.class,
                () -> PhaseEncoding.forSeries(dwi.toString(), LocalStorage.INSTANCE));
        assertTrue(e.getMessage().contains(json.toString()) && e.getMessage().contains("must be a string"),
                e.getMessage());
        assertNull(PhaseEncoding.fieldValue("{\"PhaseEncodingAxis\": \"j\"}", "x"));
    }

    @Test
    void worldDirectionFollowsTheGridAxes() {
        // axial, LAS-like storage: i runs towards the left (world -x); 2 mm, 2 mm, 3 mm voxels
        double[] las = {-2, 0, 0, 90, 0, 2, 0, -120, 0, 0, 3, -60, 0, 0, 0, 1};
        ImageGeometry g = new ImageGeometry(10, 10, 10, las);
        assertArrayEquals(new double[] {0, 1, 0}, new PhaseEncoding("j", "t").worldDirection(g), 1e-15);
        assertArrayEquals(new double[] {0, -1, 0}, new PhaseEncoding("j-", "t").worldDirection(g), 1e-15);
        assertArrayEquals(new double[] {-1, 0, 0}, new PhaseEncoding("i", "t").worldDirection(g), 1e-15);
        assertArrayEquals(new double[] {0, 0, 1}, new PhaseEncoding("k", "t").worldDirection(g), 1e-15);
        // oblique: the voxel axes turned 10 degrees about world x; j then leans into z, by the grid's own column
        double c = Math.cos(Math.toRadians(10));
        double s = Math.sin(Math.toRadians(10));
        double[] oblique = {2, 0, 0, 0, 0, 2 * c, -3 * s, 0, 0, 2 * s, 3 * c, 0, 0, 0, 0, 1};
        assertArrayEquals(new double[] {0, c, s}, new PhaseEncoding("j", "t").worldDirection(
                new ImageGeometry(10, 10, 10, oblique)), 1e-15);
    }

    @Test
    void refusesCodesOutsideBids() {
        assertThrows(IllegalArgumentException.class, () -> new PhaseEncoding("x", "t"));
        assertThrows(IllegalArgumentException.class, () -> new PhaseEncoding("j+", "t"));
        assertThrows(IllegalArgumentException.class, () -> new PhaseEncoding(null, "t"));
    }
}
