package org.dwimotion.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientSchemeTest {

    @Test
    void b0VolumesAreInterleavedAndShellsFull() {
        GradientScheme s = GradientScheme.interleaved(new double[] {1000, 2000, 3000}, 30, 6);
        assertEquals(96, s.size());
        int[] perShell = new int[4];
        for (int v = 0; v < s.size(); v++) {
            double b = s.bvals()[v];
            boolean b0 = v % 16 == 0;
            assertEquals(b0, b == 0, "volume " + v);
            perShell[(int) (b / 1000)]++;
            double[] g = {s.bvecs()[3 * v], s.bvecs()[3 * v + 1], s.bvecs()[3 * v + 2]};
            double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
            assertEquals(b0 ? 0 : 1, norm, 1e-12);
        }
        assertArrayEquals(new int[] {6, 30, 30, 30}, perShell);
    }

    @Test
    void directionsAreWellSpreadModuloSign() {
        // electrostatic optimum for 30 antipodal pairs has a minimum angle of about 26 degrees
        assertTrue(Math.toDegrees(SphereDirections.minimumAngle(SphereDirections.evenlySpread(30))) > 24);
        assertTrue(Math.toDegrees(SphereDirections.minimumAngle(SphereDirections.evenlySpread(6))) > 60);
    }

    @Test
    void shellsAreRotatedAgainstEachOther() {
        GradientScheme s = GradientScheme.interleaved(new double[] {1000, 2000}, 12, 1);
        // volume 1 and 2 are direction 0 of shells 1000 and 2000
        double dot = 0;
        for (int c = 0; c < 3; c++) {
            dot += s.bvecs()[3 + c] * s.bvecs()[6 + c];
        }
        assertTrue(Math.abs(dot) < 0.99, "shell directions must not coincide");
    }

    @Test
    void deterministic() {
        assertArrayEquals(SphereDirections.evenlySpread(30), SphereDirections.evenlySpread(30));
    }
}
