package org.dwimotion.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.dwimotion.model.loglinear.LogLinearLovoKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A voxel's predictions depend on its own samples only, bit for bit: the same for chunk sizes 1, 7, 1000 and the
 * whole set, for any lane batching, whichever kernel instance (reused or fresh) and whatever the other voxels
 * (degenerate voxels included).
 */
class LovoChunkingInvarianceTest {

    @ParameterizedTest(name = "{0}-{1}")
    @CsvSource({"dti,ols", "dti,wls", "dki,ols", "dki,wls", "b0,ols", "avgdwi,ols"})
    void predictionsDoNotDependOnChunking(String model, String fit) {
        Random rnd = new Random(3);
        LovoTestData.Table t = LovoTestData.table(5, 20, 1000, 2000);
        int k = 1500;
        double[][] tensors = new double[k][];
        double[] s0 = new double[k];
        double[] k0 = new double[k];
        for (int i = 0; i < k; i++) {
            tensors[i] = LovoTestData.randomTensor(rnd, 0.0, 2.5e-3);
            s0[i] = 50 + 1000 * rnd.nextDouble();
            k0[i] = 0.3 + rnd.nextDouble();
        }
        float[] sig = LovoTestData.toFloat(LovoTestData.noisy(LovoTestData.dkiSignals(t, tensors, k0, s0, rnd), 25, rnd));
        int n = t.n();
        // degenerate voxels spread through the set
        Arrays.fill(sig, 10 * n, 11 * n, 0f);
        sig[20 * n + 3] = Float.NaN;
        sig[30 * n + 7] = -5f;
        Arrays.fill(sig, 40 * n, 41 * n, -1f);
        sig[50 * n + 9] = Float.POSITIVE_INFINITY;
        LovoDesign d = LovoDesign.allVolumes(LovoModelType.parse(model), FitMethod.parse(fit), t.bvals(), t.bvecs(), 50);
        int v = d.nHeldOut();

        float[] whole = new float[k * v];
        LovoCounts wholeCounts = new LovoCounts();
        LovoKernels.create(d).predict(sig, whole, k, wholeCounts);
        for (float f : whole) {
            if (!Float.isFinite(f)) {
                throw new AssertionError("non-finite prediction");
            }
        }
        LovoKernel reused = LovoKernels.create(d);
        for (int chunk : new int[] {1, 7, 1000}) {
            float[] out = new float[k * v];
            LovoCounts counts = new LovoCounts();
            for (int k0i = 0; k0i < k; k0i += chunk) {
                int nk = Math.min(chunk, k - k0i);
                float[] in = Arrays.copyOfRange(sig, k0i * n, (k0i + nk) * n);
                float[] part = new float[nk * v];
                reused.predict(in, part, nk, counts);
                System.arraycopy(part, 0, out, k0i * v, nk * v);
            }
            assertArrayEquals(whole, out, "chunk size " + chunk);
            assertEquals(wholeCounts.toString(), counts.toString(), "counts, chunk size " + chunk);
        }
        if (LovoModelType.parse(model).isLogLinear()) {
            for (int lanes : new int[] {1, 50, 5000}) {
                float[] out = new float[k * v];
                new LogLinearLovoKernel(d, lanes).predict(sig, out, k, new LovoCounts());
                assertArrayEquals(whole, out, "target lanes " + lanes);
            }
        }
        // the double entry point computes the same numbers
        double[] sigD = new double[sig.length];
        for (int i = 0; i < sig.length; i++) {
            sigD[i] = sig[i];
        }
        double[] outD = new double[k * v];
        LovoKernels.create(d).predict(sigD, outD, k, new LovoCounts());
        for (int i = 0; i < outD.length; i++) {
            assertEquals(whole[i], (float) outD[i], "double entry point, index " + i);
        }
        System.out.printf("chunking %s-%s: identical for chunks 1, 7, 1000, %d; %s%n", model, fit, k, wholeCounts);
    }
}
