package org.dwimotion.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TruthFilesTest {
    private static final SimulationConfig CONFIG = new SimulationConfig(new int[] {16, 16, 16}, 4.5,
            new double[] {1000}, 6, 2, 0, 2, 3, 1, 0.02, 9);
    private static final SimulatedSeries SERIES = new DwiSimulator().simulate(CONFIG);

    @Test
    void tsvHasOneRowPerVolumeWithTheMotionParameters() {
        String[] lines = TruthFiles.motionTsv(SERIES).split("\n");
        assertEquals("volume\tbval\ttrans_x\ttrans_y\ttrans_z\trot_x\trot_y\trot_z\tspike\teddy_x\teddy_y\teddy_z", lines[0]);
        assertEquals(SERIES.volumes() + 1, lines.length);
        for (int v = 0; v < SERIES.volumes(); v++) {
            String[] f = lines[v + 1].split("\t");
            assertEquals(12, f.length);
            assertEquals(v, Integer.parseInt(f[0]));
            assertEquals(SERIES.scheme().bvals()[v], Double.parseDouble(f[1]), 0);
            double[] p = SERIES.motion()[v].toArray();
            for (int q = 0; q < 6; q++) {
                assertEquals(p[q], Double.parseDouble(f[2 + q]), 1e-9);
            }
        }
    }

    @Test
    void jsonTransformsAreTheSeriesTransforms() {
        String json = TruthFiles.motionJson(SERIES, CONFIG);
        Matcher m = Pattern.compile("\"fixed_to_moving\": \\[([^\\]]*)\\]").matcher(json);
        int v = 0;
        while (m.find()) {
            String[] parts = m.group(1).split(",");
            double[] t = new double[16];
            for (int i = 0; i < 16; i++) {
                t[i] = Double.parseDouble(parts[i].trim());
            }
            assertArrayEquals(SERIES.transform(v), t, 0);
            v++;
        }
        assertEquals(SERIES.volumes(), v);
        assertTrue(json.contains("Rz(rot_z)*Ry(rot_y)*Rx(rot_x)"));
    }

    @Test
    void fslTextLayouts() {
        assertEquals("0 1000 1500.5\n", TruthFiles.bval(new double[] {0, 1000, 1500.5}));
        assertEquals("-1.00000000 0.00000000\n0.00000000 0.00000000\n0.00000000 1.00000000\n",
                TruthFiles.bvec(new double[] {-1, 0, 0, 0, 0, 1}));
    }
}
