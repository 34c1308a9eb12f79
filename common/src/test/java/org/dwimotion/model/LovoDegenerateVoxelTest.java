package org.dwimotion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documented fallbacks for degenerate voxels: always finite, always counted. */
class LovoDegenerateVoxelTest {
    private static final LovoTestData.Table TABLE = LovoTestData.table(3, 20, 1000, 2000);

    private static float[] run(LovoDesign d, float[] voxel, LovoCounts counts) {
        float[] out = new float[d.nHeldOut()];
        LovoKernels.create(d).predict(voxel, out, 1, counts);
        for (float f : out) {
            assertTrue(Float.isFinite(f), "prediction " + f);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}-{1}")
    @CsvSource({"dti,ols", "dti,wls", "dki,ols", "dki,wls", "b0,ols", "avgdwi,ols"})
    void nonFiniteVoxelPredictsZero(String model, String fit) {
        LovoDesign d = LovoDesign.allVolumes(LovoModelType.parse(model), FitMethod.parse(fit), TABLE.bvals(),
                TABLE.bvecs(), 50);
        float[] voxel = new float[TABLE.n()];
        Arrays.fill(voxel, 100f);
        voxel[5] = Float.NaN;
        LovoCounts counts = new LovoCounts();
        float[] out = run(d, voxel, counts);
        for (float f : out) {
            assertEquals(0f, f);
        }
        assertEquals(1, counts.nonFiniteVoxels());
    }

    @ParameterizedTest(name = "{0}-{1}")
    @CsvSource({"dti,ols", "dti,wls", "dki,ols", "dki,wls"})
    void zeroAndNegativeVoxelsAreFlooredAndFinite(String model, String fit) {
        LovoDesign d = LovoDesign.allVolumes(LovoModelType.parse(model), FitMethod.parse(fit), TABLE.bvals(),
                TABLE.bvecs(), 50);
        LovoCounts counts = new LovoCounts();
        float[] out = run(d, new float[TABLE.n()], counts);
        for (float f : out) {
            assertEquals(0f, f, "all-zero voxel: mean b0 is 0");
        }
        float[] negative = new float[TABLE.n()];
        Arrays.fill(negative, 100f);
        negative[7] = -3f;
        negative[1] = 0f;
        run(d, negative, counts);
        assertEquals(2, counts.flooredVoxels());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dki"})
    void illConditionedWeightsFallBackToOls(String model) {
        // the b=1000 shell dominates the WLS weights by ~1e23: one shell cannot separate the diffusion from the
        // kurtosis terms, so the weighted normal matrix is numerically singular (relative to its diagonal). DTI
        // is not tested here: with b=0 rows in every fit its scaled weighted system is hard to make singular.
        LovoDesign wls = LovoDesign.diffusionWeighted(LovoModelType.parse(model), FitMethod.WLS, TABLE.bvals(),
                TABLE.bvecs(), 50);
        LovoDesign ols = LovoDesign.diffusionWeighted(LovoModelType.parse(model), FitMethod.OLS, TABLE.bvals(),
                TABLE.bvecs(), 50);
        float[] voxel = new float[TABLE.n()];
        for (int v = 0; v < voxel.length; v++) {
            voxel[v] = TABLE.bvals()[v] == 1000 ? 1e30f : 0f;
        }
        LovoCounts counts = new LovoCounts();
        float[] w = run(wls, voxel, counts);
        float[] o = run(ols, voxel, new LovoCounts());
        assertTrue(counts.wlsFallbacks() > 0, counts.toString());
        int same = 0;
        for (int j = 0; j < w.length; j++) {
            same += w[j] == o[j] ? 1 : 0;
        }
        assertTrue(same >= counts.wlsFallbacks(), "fallback lanes carry the OLS prediction");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dti", "b0", "avgdwi"})
    void singleB0IsItsOwnPrediction(String model) {
        LovoTestData.Table t = LovoTestData.table(1, 20, 1000);
        LovoDesign d = LovoDesign.allVolumes(LovoModelType.parse(model), FitMethod.OLS, t.bvals(), t.bvecs(), 50);
        float[] voxel = new float[t.n()];
        Arrays.fill(voxel, 50f);
        voxel[0] = 321f;
        LovoCounts counts = new LovoCounts();
        float[] out = run(d, voxel, counts);
        assertEquals(321f, out[0]);
        assertEquals(1, counts.ownB0Predictions());
    }
}
