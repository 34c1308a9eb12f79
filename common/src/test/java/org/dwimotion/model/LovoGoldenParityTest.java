package org.dwimotion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.io.nifti.NiftiImage;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with DIPY 1.6.0 on every golden file of {@code ../shared/golden} (see its README), through the kernel API,
 * full mask, every held-out volume listed in the JSON: max |ours - DIPY| / mean b0 over the mask must be at most
 * 1e-6 for OLS and 1e-4 for WLS with the b-vectors as DIPY reads them; through {@link GradientTable} (which
 * normalises vectors) within 10× those. Predictions use the double entry point so the figure is not limited by
 * float32 output rounding. Skipped when the shared data are absent.
 */
class LovoGoldenParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"small_64D_dti-ols", "small_64D_dti-wls", "small_101D_dti-ols", "small_101D_dti-wls",
        "small_101D_dki-ols", "small_101D_dki-wls", "phantom_dti-ols", "phantom_dti-wls", "phantom_dki-ols",
        "phantom_dki-wls"})
    void matchesDipy(String name) throws IOException {
        Path json = SharedData.require("golden/" + name + ".json");
        Path golden = SharedData.require("golden/" + name + ".nii.gz");
        String text = Files.readString(json);
        String input = field(text, "input");
        String mask = field(text, "mask");
        int[] held = Arrays.stream(array(text, "heldout_volumes").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        Path dwi = SharedData.require("data/" + input);
        String base = dwi.toString().replaceAll("\\.nii(\\.gz)?$", "");
        GradientTable gt = GradientTable.read(base + ".bval", base + ".bvec");
        NiftiImage img = NiftiReader.read(dwi.toString());
        int nVox = img.voxelsPerVolume();
        int n = img.nt();
        gt.requireVolumes(n, dwi.toString());

        int[] b0 = gt.b0Indices();
        double[] meanB0 = new double[nVox];
        for (int vx = 0; vx < nVox; vx++) {
            double s = 0;
            for (int v : b0) {
                s += img.data()[vx + nVox * v];
            }
            meanB0[vx] = s / b0.length;
        }
        boolean[] inMask = new boolean[nVox];
        if (mask.endsWith(".nii.gz")) {
            float[] m = NiftiReader.read(SharedData.require("data/" + mask).toString()).data();
            for (int vx = 0; vx < nVox; vx++) {
                inMask[vx] = m[vx] > 0;
            }
        } else {
            for (int vx = 0; vx < nVox; vx++) {
                inMask[vx] = meanB0[vx] > 0;
            }
        }
        int[] voxels = java.util.stream.IntStream.range(0, nVox).filter(vx -> inMask[vx]).toArray();
        int k = voxels.length;
        double[] chunk = new double[k * n];
        for (int i = 0; i < k; i++) {
            for (int t = 0; t < n; t++) {
                chunk[i * n + t] = img.data()[voxels[i] + nVox * t];
            }
        }
        String[] mf = name.substring(name.lastIndexOf('_') + 1).split("-");
        LovoModelType model = LovoModelType.parse(mf[0]);
        FitMethod fit = FitMethod.parse(mf[1]);
        double[] dipy = NiftiReader.readAllAsDouble(golden.toString());
        assertEquals((long) nVox * held.length, dipy.length, "golden size");
        double tolerance = fit == FitMethod.OLS ? 1e-6 : 1e-4;

        // DIPY's own reading: vectors exactly as in the file (NaN rows as zero), the golden convention
        double[] bvals = RawGradients.numbers(Path.of(base + ".bval"));
        double[] bvecs = RawGradients.vectors(Path.of(base + ".bvec"), bvals.length);
        double raw = maxError(LovoDesign.of(model, fit, bvals, bvecs, 50, held), chunk, k, voxels, nVox, meanB0,
                dipy, name + " (raw b-vectors)");
        assertTrue(raw <= tolerance, name + ": " + raw);
        // the job's reading: GradientTable keeps near-unit vectors as written (as DIPY does), so the same bound holds
        double normalised = maxError(LovoDesign.of(model, fit, gt, held), chunk, k, voxels, nVox, meanB0, dipy,
                name + " (GradientTable)");
        assertTrue(normalised <= tolerance, name + " through GradientTable: " + normalised);
        assertEquals(name.startsWith("phantom") ? 21738 : k, k, "mask voxels");
    }

    private static double maxError(LovoDesign design, double[] chunk, int k, int[] voxels, int nVox,
                                   double[] meanB0, double[] dipy, String label) {
        int nh = design.nHeldOut();
        double[] pred = new double[k * nh];
        LovoCounts counts = new LovoCounts();
        long t0 = System.nanoTime();
        LovoKernels.create(design).predict(chunk, pred, k, counts);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double worst = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < nh; j++) {
                double err = Math.abs(pred[i * nh + j] - dipy[voxels[i] + nVox * j]) / meanB0[voxels[i]];
                worst = Math.max(worst, err);
            }
        }
        System.out.printf("golden %-40s: max |ours - DIPY| / mean b0 = %.2e over %d voxels x %d volumes"
                + " (%.2f s; clipped %d, WLS fallbacks %d)%n", label, worst, k, nh, seconds,
                counts.clippedPredictions(), counts.wlsFallbacks());
        return worst;
    }

    private static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), "no " + key);
        return m.group(1);
    }

    private static String array(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find(), "no " + key);
        return m.group(1);
    }
}

/** bval/bvec text as DIPY's {@code read_bvals_bvecs} gives it: numbers as written, NaN read as zero. */
final class RawGradients {
    private RawGradients() {
    }

    static double[] numbers(Path file) throws IOException {
        return Arrays.stream(Files.readString(file).trim().split("[\\s,]+")).mapToDouble(
                w -> w.equalsIgnoreCase("nan") ? 0 : Double.parseDouble(w)).toArray();
    }

    /** N×3 row-major, from a 3×N or N×3 file. */
    static double[] vectors(Path file, int n) throws IOException {
        double[] all = numbers(file);
        assertEquals(3 * n, all.length, file + " size");
        boolean threeRows = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() == 3;
        double[] out = new double[3 * n];
        for (int v = 0; v < n; v++) {
            for (int c = 0; c < 3; c++) {
                out[3 * v + c] = threeRows ? all[c * n + v] : all[3 * v + c];
            }
        }
        return out;
    }
}
