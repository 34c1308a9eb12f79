package org.dwimotion.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.dwimotion.model.reference.Shells;
import org.junit.jupiter.api.Test;

/** Hand-computed cases for the b0 and avgdwi reference models. */
class ReferenceKernelsTest {
    // volumes: b0, b1000, b1000, b0, b2000, b1000, b2000, b2000, b0
    private static final double[] B = {0, 1000, 1000, 0, 2000, 990, 2000, 2010, 5};
    private static final double[] G = new double[27];

    static {
        for (int v = 0; v < 9; v++) {
            G[3 * v] = B[v] > 50 ? 1 : 0;
        }
    }

    private static final float[] S = {100, 40, 44, 110, 20, 42, 22, 21, 120};

    private static float[] run(LovoModelType model) {
        LovoDesign d = LovoDesign.allVolumes(model, FitMethod.OLS, B, G, 50);
        float[] out = new float[9];
        LovoKernels.create(d).predict(S, out, 1, new LovoCounts());
        return out;
    }

    @Test
    void b0ModelIsMeanOfOtherB0s() {
        float meanAll = (100 + 110 + 120) / 3f;
        assertArrayEquals(new float[] {115, meanAll, meanAll, 110, meanAll, meanAll, meanAll, meanAll, 105},
                run(LovoModelType.B0), 1e-4f);
    }

    @Test
    void avgdwiIsMedianOfOtherVolumesOfTheShell() {
        // b0 shell {100,110,120}; 1000 shell {40,44,42}; 2000 shell {20,22,21}
        assertArrayEquals(new float[] {115, 43, 41, 110, 21.5f, 42, 20.5f, 21, 105}, run(LovoModelType.AVGDWI), 1e-4f);
    }

    @Test
    void shellsGroupCloseBValues() {
        assertArrayEquals(new int[] {0, 1, 1, 0, 2, 1, 2, 2, 0}, Shells.assign(B, 50, 100));
    }
}
