package org.dwimotion.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiHeader;
import org.dwimotion.io.nifti.NiftiReadOptions;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.io.nifti.NiftiWriteOptions;
import org.dwimotion.io.nifti.NiftiWriter;
import org.dwimotion.io.nifti.NonFinitePolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SeriesPredictor} on a small synthetic series written to disk: predictions equal one kernel call over the
 * whole mask bit for bit whatever the thread count and chunk size; errors equal a direct computation; written files
 * hold exactly the predictions (float64) or their float rounding (float32), 0 outside the mask.
 */
class SeriesPredictorTest {
    private static final NiftiReadOptions KEEP = NiftiReadOptions.defaults().withNonFinite(NonFinitePolicy.KEEP);

    @TempDir
    Path dir;

    private LovoTestData.Table table;
    private ImageGeometry geometry;
    private float[] series; // volume-major
    private String dwi;
    private int nVox;

    @BeforeEach
    void writeSeries() throws IOException {
        Random rnd = new Random(11);
        table = LovoTestData.table(3, 15, 1000, 2000);
        int n = table.n();
        geometry = new ImageGeometry(9, 7, 5, new double[] {2, 0, 0, -9, 0, 2.2, 0.1, -8, 0, 0, 2, 5, 0, 0, 0, 1});
        nVox = geometry.numVoxels();
        double[][] tensors = new double[nVox][];
        double[] s0 = new double[nVox];
        double[] k0 = new double[nVox];
        for (int i = 0; i < nVox; i++) {
            tensors[i] = LovoTestData.randomTensor(rnd, 0.0, 2.5e-3);
            s0[i] = 50 + 1000 * rnd.nextDouble();
            k0[i] = 0.3 + rnd.nextDouble();
        }
        float[] voxelMajor = LovoTestData.toFloat(
                LovoTestData.noisy(LovoTestData.dkiSignals(table, tensors, k0, s0, rnd), 20, rnd));
        series = new float[nVox * n];
        for (int i = 0; i < nVox; i++) {
            boolean background = i % 9 == 0 || i < 40; // zeros: outside the "mean b0 > 0" mask
            for (int t = 0; t < n; t++) {
                series[i + nVox * t] = background ? 0f : voxelMajor[i * n + t];
            }
        }
        series[100 + nVox * 5] = Float.NaN; // one non-finite voxel inside the mask
        dwi = dir.resolve("dwi.nii.gz").toString();
        NiftiWriter.write(dwi, geometry, n, series, NiftiDataType.FLOAT32);
    }

    private LovoDesign design(String model, String fit) {
        return LovoDesign.allVolumes(LovoModelType.parse(model), FitMethod.parse(fit), table.bvals(), table.bvecs(), 50);
    }

    private byte[] mask() throws IOException {
        LovoDesign d = design("b0", "ols");
        return SeriesPredictor.positiveMask(SeriesPredictor.meanB0(dwi, KEEP, d.b0Volumes()));
    }

    private static double[] flatten(double[][] chunks) {
        return Arrays.stream(chunks).flatMapToDouble(Arrays::stream).toArray();
    }

    @ParameterizedTest(name = "{0}-{1}")
    @CsvSource({"dti,ols", "dti,wls", "dki,wls", "b0,ols", "avgdwi,ols"})
    void identicalForAnyThreadsAndChunks(String model, String fit) throws IOException {
        LovoDesign d = design(model, fit);
        int n = d.nVolumes();
        int v = d.nHeldOut();
        byte[] mask = mask();
        ChunkPlan whole = ChunkPlan.fromMask(mask, Integer.MAX_VALUE);
        int m = whole.maskedVoxels();
        int[] idx = whole.maskIndices();
        double[] sig = new double[m * n];
        for (int k = 0; k < m; k++) {
            for (int t = 0; t < n; t++) {
                sig[k * n + t] = series[idx[k] + nVox * t];
            }
        }
        double[] reference = new double[m * v];
        LovoCounts refCounts = new LovoCounts();
        LovoKernels.create(d).predict(sig, reference, m, refCounts);

        SeriesPrediction first = null;
        for (int[] tc : new int[][] {{1, Integer.MAX_VALUE}, {1, 1}, {3, 7}, {4, 64}}) {
            SeriesPrediction p = SeriesPredictor.predict(dwi, KEEP, d, ChunkPlan.fromMask(mask, tc[1]), tc[0]);
            String what = "threads " + tc[0] + ", chunk " + tc[1];
            assertArrayEquals(reference, flatten(p.predictions()), 0.0, what);
            assertEquals(refCounts.toString(), p.counts().toString(), what);
            if (first == null) {
                first = p;
            } else {
                assertArrayEquals(first.errors().rms(), p.errors().rms(), 0.0, what);
                assertEquals(first.errors().meanB0(), p.errors().meanB0(), 0.0, what);
            }
        }
        assertEquals(1, refCounts.nonFiniteVoxels());
        assertEquals(m, refCounts.voxels());
    }

    @Test
    void errorsMatchDirectComputation() throws IOException {
        LovoDesign d = design("dti", "wls");
        SeriesPrediction p = SeriesPredictor.predict(dwi, KEEP, d, ChunkPlan.fromMask(mask(), 50), 2);
        int n = d.nVolumes();
        int[] b0 = d.b0Volumes();
        double[] vol = new double[nVox];
        double sumB0 = 0;
        long used = 0;
        double[] sumSq = new double[n];
        byte[] mask = mask();
        for (int j = 0; j < n; j++) {
            p.volume(j, vol);
            for (int i = 0; i < nVox; i++) {
                if (mask[i] == 0) {
                    assertEquals(0.0, vol[i]);
                    continue;
                }
                if (i == 100) {
                    continue; // the NaN voxel is left out
                }
                double diff = series[i + nVox * d.heldOutVolume(j)] - vol[i];
                sumSq[j] += diff * diff;
                if (j == 0) {
                    double s = 0;
                    for (int t : b0) {
                        s += series[i + nVox * t];
                    }
                    sumB0 += s / b0.length;
                    used++;
                }
            }
        }
        PredictionErrors e = p.errors();
        assertEquals(used, e.usedVoxels());
        assertEquals(1, e.excludedVoxels());
        assertEquals(sumB0 / used, e.meanB0(), 1e-12 * e.meanB0());
        for (int j = 0; j < n; j++) {
            double expected = Math.sqrt(sumSq[j] / used) / (sumB0 / used);
            assertEquals(expected, e.nrmse(j), 1e-12 * expected, "volume " + j);
            assertTrue(d.isB0(j) || e.nrmse(j) > 1e-3, "noisy data: a visible error at volume " + j);
        }
    }

    @Test
    void writesFloat64ExactlyAndFloat32Rounded() throws IOException {
        LovoDesign d = LovoDesign.diffusionWeighted(LovoModelType.DTI, FitMethod.OLS, table.bvals(), table.bvecs(), 50);
        SeriesPrediction p = SeriesPredictor.predict(dwi, KEEP, d, ChunkPlan.fromMask(mask(), 100), 2);
        String f64 = dir.resolve("p64.nii").toString();
        String f32 = dir.resolve("p32.nii.gz").toString();
        SeriesPredictor.write(p, f64, NiftiDataType.FLOAT64, NiftiWriteOptions.defaults());
        SeriesPredictor.write(p, f32, NiftiDataType.FLOAT32, NiftiWriteOptions.defaults());
        NiftiHeader h = NiftiReader.readHeader(f64);
        assertEquals(NiftiDataType.FLOAT64.code(), h.datatype());
        assertEquals(d.nHeldOut(), h.nt());
        assertTrue(h.geometry().sameGrid(geometry, 1e-5));
        double[] read64 = NiftiReader.readAllAsDouble(f64);
        double[] read32 = NiftiReader.readAllAsDouble(f32);
        double[] vol = new double[nVox];
        for (int j = 0; j < d.nHeldOut(); j++) {
            p.volume(j, vol);
            for (int i = 0; i < nVox; i++) {
                assertEquals(vol[i], read64[i + nVox * j], 0.0);
                assertEquals((float) vol[i], read32[i + nVox * j], 0.0);
            }
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().contains(".tmp-")), "no temporary left");
        }
    }

    @Test
    void meanB0AndPositiveMask() throws IOException {
        int[] b0 = design("b0", "ols").b0Volumes();
        Image3D mean = SeriesPredictor.meanB0(dwi, KEEP, b0);
        for (int i = 0; i < nVox; i++) {
            double s = 0;
            for (int t : b0) {
                s += series[i + nVox * t];
            }
            assertEquals((float) (s / b0.length), mean.data()[i], 0f);
        }
        byte[] m = SeriesPredictor.positiveMask(mean);
        assertEquals(0, m[0]);
        assertEquals(0, m[9]);
        assertEquals(1, m[41]);
    }

    @Test
    void rejectsMismatchedSeriesAndBadSizes() throws IOException {
        LovoTestData.Table other = LovoTestData.table(2, 10, 1000);
        LovoDesign wrong = LovoDesign.allVolumes(LovoModelType.DTI, FitMethod.OLS, other.bvals(), other.bvecs(), 50);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeriesPredictor.predict(dwi, KEEP, wrong, ChunkPlan.fromMask(mask(), 10), 1));
        assertTrue(e.getMessage().startsWith(dwi), e.getMessage());
        LovoDesign d = design("dti", "ols");
        assertThrows(IllegalArgumentException.class, () -> SeriesPredictor.predict(dwi, KEEP, d,
                new ChunkPlan(new int[] {nVox}, 10), 1));
        assertThrows(IllegalArgumentException.class, () -> LovoPredictionOps.predictChunks(d,
                new float[][] {new float[d.nVolumes() + 1]}, new double[1][], 1, new LovoCounts()));
        assertThrows(IllegalArgumentException.class, () -> LovoPredictionOps.predictChunks(d,
                new float[][] {new float[d.nVolumes()]}, new double[1][], 0, new LovoCounts()));
    }
}
