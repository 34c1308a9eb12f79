package org.dwimotion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Analytic and oracle tests of the DTI/DKI LOVO kernels.
 *
 * <ul>
 *   <li>Noise-free signals synthesised through DIPY's design matrix: every LOVO prediction reproduces the held-out
 *       signal to 1e-9 relative (the model is exact, so leaving any volume out must not change the fit).</li>
 *   <li>Noisy signals at low SNR (so that some fitted tensors need DIPY's eigenvalue floor): the kernel equals a
 *       naive one-refit-per-volume implementation of DIPY's recipe ({@link DirectLovoReference}) to 1e-8 relative.</li>
 * </ul>
 */
class LogLinearLovoKernelTest {

    @ParameterizedTest(name = "{0}-{1}")
    @CsvSource({"dti,ols", "dti,wls", "dki,ols", "dki,wls"})
    void noiseFreeSignalsArePredictedExactly(String model, String fit) {
        Random rnd = new Random(42);
        LovoTestData.Table t = LovoTestData.table(4, 24, 1000, 2000, 3000);
        int k = 50;
        double[][] tensors = new double[k][];
        double[] s0 = new double[k];
        double[] k0 = new double[k];
        for (int i = 0; i < k; i++) {
            tensors[i] = LovoTestData.randomTensor(rnd, 0.2e-3, 2.0e-3);
            s0[i] = 200 + 1000 * rnd.nextDouble();
            k0[i] = 0.4 + 0.8 * rnd.nextDouble();
        }
        LovoModelType type = LovoModelType.parse(model);
        double[] sig = type == LovoModelType.DTI ? LovoTestData.dtiSignals(t, tensors, s0)
                : LovoTestData.dkiSignals(t, tensors, k0, s0, rnd);
        LovoDesign d = LovoDesign.allVolumes(type, FitMethod.parse(fit), t.bvals(), t.bvecs(), 50);
        double[] pred = new double[k * d.nHeldOut()];
        LovoCounts counts = new LovoCounts();
        LovoKernels.create(d).predict(sig, pred, k, counts);
        double worst = 0;
        for (int vx = 0; vx < k; vx++) {
            for (int j = 0; j < d.nHeldOut(); j++) {
                double truth = sig[vx * t.n() + d.heldOutVolume(j)];
                worst = Math.max(worst, Math.abs(pred[vx * d.nHeldOut() + j] - truth) / truth);
            }
        }
        System.out.printf("analytic %s-%s: max relative error %.2e over %d voxels x %d volumes%n", model, fit, worst,
                k, d.nHeldOut());
        assertTrue(worst < 1e-9, "max relative error " + worst);
        assertEquals(0, counts.clippedPredictions() + counts.wlsFallbacks() + counts.nonFiniteVoxels());
    }

    @ParameterizedTest(name = "{0}-{1}")
    @CsvSource({"dti,ols", "dti,wls", "dki,ols", "dki,wls"})
    void noisySignalsMatchNaiveDipyRecipe(String model, String fit) {
        Random rnd = new Random(7);
        LovoTestData.Table t = LovoTestData.table(3, 20, 1000, 2500);
        int k = 40;
        double[][] tensors = new double[k][];
        double[] s0 = new double[k];
        double[] k0 = new double[k];
        for (int i = 0; i < k; i++) {
            // small eigenvalues and strong noise: some LOVO fits get a negative eigenvalue (DIPY's floor applies)
            tensors[i] = LovoTestData.randomTensor(rnd, 0.0, 1.5e-3);
            s0[i] = 300;
            k0[i] = 0.8;
        }
        LovoModelType type = LovoModelType.parse(model);
        double[] clean = type == LovoModelType.DTI ? LovoTestData.dtiSignals(t, tensors, s0)
                : LovoTestData.dkiSignals(t, tensors, k0, s0, rnd);
        double[] sig = LovoTestData.noisy(clean, 30, rnd);
        LovoDesign d = LovoDesign.diffusionWeighted(type, FitMethod.parse(fit), t.bvals(), t.bvecs(), 50);
        double[] pred = new double[k * d.nHeldOut()];
        LovoCounts counts = new LovoCounts();
        LovoKernels.create(d).predict(sig, pred, k, counts);
        double worst = 0;
        double[] voxel = new double[t.n()];
        for (int vx = 0; vx < k; vx++) {
            System.arraycopy(sig, vx * t.n(), voxel, 0, t.n());
            for (int j = 0; j < d.nHeldOut(); j++) {
                double ref = DirectLovoReference.predict(d, voxel, d.heldOutVolume(j));
                worst = Math.max(worst, Math.abs(pred[vx * d.nHeldOut() + j] - ref) / Math.abs(ref));
            }
        }
        System.out.printf("naive-recipe %s-%s: max relative difference %.2e, %s%n", model, fit, worst, counts);
        assertTrue(worst < 1e-8, "max relative difference " + worst);
        assertTrue(counts.clippedPredictions() > 0, "the test should exercise the eigenvalue floor: " + counts);
    }
}
