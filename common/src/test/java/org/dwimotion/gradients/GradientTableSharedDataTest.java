package org.dwimotion.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.dwimotion.io.nifti.NiftiHeader;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.testing.ExpectedProperties;
import org.dwimotion.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared DWI sidecars against DIPY 1.6's gradient_table (expected.properties from
 * {@code scripts/dev/gradient_expected.py}): b-values exact (no file has a norm off by more than 1e-2),
 * vectors within 1e-9 (near-unit vectors are kept as written, as DIPY keeps them), same b0 volumes.
 */
class GradientTableSharedDataTest {
    private static final ExpectedProperties EXPECTED = ExpectedProperties.load("/gradients/expected.properties");

    static Stream<String> names() {
        return EXPECTED.list("names");
    }

    private static double[] doubles(String key) {
        return EXPECTED.doubles(key);
    }

    @ParameterizedTest
    @MethodSource("names")
    void matchesDipy(String name) throws IOException {
        String nifti = SharedData.require(name + (name.endsWith("small_64D") ? ".nii" : ".nii.gz")).toString();
        GradientTable g = GradientTable.fromSidecars(nifti);
        NiftiHeader h = NiftiReader.readHeader(nifti);
        g.requireVolumes(h.nt(), nifti);
        assertArrayEquals(doubles(name + ".bvals"), g.bvals(), 0.0, name);
        assertArrayEquals(doubles(name + ".bvecs"), g.bvecs(), 1e-9, name);
        int[] b0 = EXPECTED.ints(name + ".b0");
        assertArrayEquals(b0, g.b0Indices(), name);
        for (int v : g.dwiIndices()) {
            double n = Math.sqrt(g.bvec(v, 0) * g.bvec(v, 0) + g.bvec(v, 1) * g.bvec(v, 1) + g.bvec(v, 2) * g.bvec(v, 2));
            assertEquals(1.0, n, GradientTable.NORM_TOLERANCE, "near-unit vectors are kept as written");
        }
        // frame round trip on the real (oblique) affine
        double[] world = g.worldBvecs(h.geometry());
        assertArrayEquals(g.bvecs(), BvecFrames.worldToFsl(world, h.geometry().voxelToWorld()), 1e-12);
    }

    @Test
    void phantomShells() throws IOException {
        String nifti = SharedData.require("data/phantom/dwi.nii.gz").toString();
        GradientTable g = GradientTable.fromSidecars(nifti);
        List<Shell> shells = g.shells();
        assertEquals(4, shells.size());
        assertTrue(shells.get(0).b0());
        assertEquals(6, shells.get(0).count());
        double[] b = {1000, 2000, 3000};
        for (int s = 1; s <= 3; s++) {
            assertEquals(b[s - 1], shells.get(s).bValue(), 1e-9);
            assertEquals(30, shells.get(s).count());
        }
    }

    @Test
    void small64dNx3WithNanB0Row() throws IOException {
        String nifti = SharedData.require("data/dipy/small_64D.nii").toString();
        GradientTable g = GradientTable.fromSidecars(nifti);
        assertEquals(65, g.size());
        assertArrayEquals(new int[] {0}, g.b0Indices());
        assertArrayEquals(new double[] {0, 0, 0}, new double[] {g.bvec(0, 0), g.bvec(0, 1), g.bvec(0, 2)});
        List<Shell> shells = g.shells();
        assertEquals(2, shells.size(), "b from 990 to 1003 is one shell");
        assertEquals(64, shells.get(1).count());
    }

    @Test
    void small101dIsNotShelled() throws IOException {
        String nifti = SharedData.require("data/dipy/small_101D.nii.gz").toString();
        GradientTable g = GradientTable.fromSidecars(nifti);
        assertEquals(102, g.size());
        assertArrayEquals(new int[] {0}, g.b0Indices(), "b=15 is a b0 volume at the default threshold");
        assertEquals(0, g.withB0Threshold(10).b0Indices().length);
        List<Shell> shells = g.shells();
        assertTrue(shells.size() > 10, "a DSI-like scheme gives many groups: " + shells.size());
        int total = shells.stream().mapToInt(Shell::count).sum();
        assertEquals(102, total);
        for (Shell s : shells) {
            double lo = Arrays.stream(s.volumes()).mapToDouble(g::bval).min().orElseThrow();
            double hi = Arrays.stream(s.volumes()).mapToDouble(g::bval).max().orElseThrow();
            assertTrue(hi - lo <= 100, "shell spread " + (hi - lo));
        }
    }
}
