package org.dwimotion.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.testing.SharedData;
import org.junit.jupiter.api.Test;

class GradientTableSharedDataTest {

    @Test
    void phantomSidecars() throws IOException {
        String nifti = SharedData.require("data/phantom/dwi.nii.gz").toString();
        GradientTable g = GradientTable.fromSidecars(nifti);
        assertEquals(96, g.size());
        g.requireVolumes(NiftiReader.readHeader(nifti).nt(), nifti);
        assertArrayEquals(new int[] {0, 19, 38, 57, 76, 95}, g.b0Indices());
        assertEquals(90, g.dwiIndices().length);
        List<Shell> shells = g.shells();
        assertEquals(4, shells.size());
        assertTrue(shells.get(0).b0());
        assertEquals(1000, shells.get(1).bValue(), 1e-9);
        assertEquals(30, shells.get(1).count());
        assertEquals(3000, shells.get(3).bValue(), 1e-9);
        for (int v : g.dwiIndices()) {
            double n = Math.sqrt(g.bvec(v, 0) * g.bvec(v, 0) + g.bvec(v, 1) * g.bvec(v, 1) + g.bvec(v, 2) * g.bvec(v, 2));
            assertEquals(1.0, n, 1e-12);
        }
    }

    @Test
    void small64dNx3WithNanB0Row() throws IOException {
        String nifti = SharedData.require("data/dipy/small_64D.nii").toString();
        GradientTable g = GradientTable.fromSidecars(nifti);
        assertEquals(65, g.size());
        assertArrayEquals(new int[] {0}, g.b0Indices());
        assertArrayEquals(new double[] {0, 0, 0}, new double[] {g.bvec(0, 0), g.bvec(0, 1), g.bvec(0, 2)});
        g.requireVolumes(65, nifti);
    }
}
