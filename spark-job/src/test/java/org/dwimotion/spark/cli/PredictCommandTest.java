package org.dwimotion.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.dwimotion.spark.testing.CliRun.assertContains;
import static org.dwimotion.spark.testing.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiHeader;
import org.dwimotion.io.nifti.NiftiImage;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.spark.testing.CliRun.Result;
import org.dwimotion.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code dwimotion predict} through the real command line: parity with DIPY 1.6.0's golden LOVO predictions
 * (max |ours − DIPY| / mean b0 over the mask ≤ 1e-6 for OLS, ≤ 1e-4 for WLS; with float64 output ≤ 1e-8), the
 * printed table, and bad input (one-line error, exit 1, no output file). Skipped when the shared data are absent.
 */
class PredictCommandTest {
    @TempDir
    Path dir;

    private void assertNothingWritten() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            String left = files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("pred") || f.contains(".tmp-"))
                    .reduce("", (a, b) -> a + " " + b);
            assertEquals("", left, "no output or temporary file may be left behind");
        }
    }

    @ParameterizedTest(name = "{0} {1} held-out {2}")
    @CsvSource({"small_64D_dti-ols, float32, all", "small_64D_dti-ols, float64, all",
        "small_64D_dti-wls, float32, dwi", "small_64D_dti-wls, float64, all",
        "small_101D_dki-wls, float32, all", "small_101D_dki-wls, float64, dwi"})
    void matchesDipyGoldens(String name, String precision, String heldOut) throws IOException {
        Path json = SharedData.require("golden/" + name + ".json");
        Path golden = SharedData.require("golden/" + name + ".nii.gz");
        String text = Files.readString(json);
        int[] held = Arrays.stream(jsonArray(text, "heldout_volumes").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        Path dwi = SharedData.require("data/" + jsonString(text, "input"));
        String[] mf = name.substring(name.lastIndexOf('_') + 1).split("-");
        String output = dir.resolve("pred.nii.gz").toString();
        boolean f64 = precision.equals("float64");
        String[] args = {"predict", "--dwi", dwi.toString(), "--model", mf[0], "--fit", mf[1], "--mask-mode",
            "nonzero", "--held-out", heldOut, "--threads", "2", "--chunk-voxels", "97", "--output", output};
        Result r = run(f64 ? append(args, "--float64") : args);
        assertEquals(0, r.code(), r.err());

        NiftiImage input = NiftiReader.read(dwi.toString());
        int nVox = input.voxelsPerVolume();
        NiftiHeader h = NiftiReader.readHeader(output);
        assertEquals(f64 ? NiftiDataType.FLOAT64.code() : NiftiDataType.FLOAT32.code(), h.datatype());
        assertTrue(h.geometry().sameGrid(input.geometry(), 1e-4), "same grid and affine");
        double[] ours = NiftiReader.readAllAsDouble(output);
        double[] dipy = NiftiReader.readAllAsDouble(golden.toString());
        // the series' only b=0 volume is volume 0 in both datasets (checked: the golden never holds it out)
        double[] meanB0 = new double[nVox];
        for (int i = 0; i < nVox; i++) {
            meanB0[i] = input.data()[i];
        }
        int[] ourColumn = new int[held.length];
        for (int j = 0; j < held.length; j++) {
            ourColumn[j] = heldOut.equals("all") ? held[j] : j; // dwi: the golden's columns, in series order
        }
        assertEquals(heldOut.equals("all") ? input.nt() : held.length, h.nt());
        double sumB0 = 0;
        int masked = 0;
        double maxDiff = 0;
        for (int i = 0; i < nVox; i++) {
            if (!(meanB0[i] > 0)) {
                for (int t = 0; t < h.nt(); t++) {
                    assertEquals(0.0, ours[i + nVox * t], "zero outside the mask");
                }
                continue;
            }
            sumB0 += meanB0[i];
            masked++;
            for (int j = 0; j < held.length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(ours[i + nVox * ourColumn[j]] - dipy[i + nVox * j]));
            }
        }
        double rel = maxDiff / (sumB0 / masked);
        System.out.printf(Locale.ROOT, "predict parity %s %s held-out %s: %d voxels x %d volumes, "
                + "max |ours - DIPY| / mean b0 = %.2e%n", name, precision, heldOut, masked, held.length, rel);
        double tolerance = mf[1].equals("ols") ? 1e-6 : 1e-4;
        assertTrue(rel <= (f64 ? 1e-8 : tolerance), name + ": " + rel);
        assertContains(r.out(), "nrmse", "summary:  dwi nrmse mean", "counts:   voxels " + masked, "mask:     nonzero");
    }

    private static String[] append(String[] a, String s) {
        String[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = s;
        return r;
    }

    private static String jsonString(String text, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(text);
        assertTrue(m.find(), key);
        return m.group(1);
    }

    private static String jsonArray(String text, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(text);
        assertTrue(m.find(), key);
        return m.group(1);
    }

    @Test
    void tableListsEveryVolumeAndResultsDoNotDependOnThreadsOrChunks() throws IOException {
        String dwi = SharedData.require("data/dipy/small_64D.nii").toString();
        String a = dir.resolve("a.nii").toString();
        String b = dir.resolve("b.nii").toString();
        Result ra = run("predict", "--dwi", dwi, "--model", "dti", "--fit", "wls", "--threads", "1",
                "--chunk-voxels", "1000000", "--output", a);
        Result rb = run("predict", "--dwi", dwi, "--model", "dti", "--fit", "wls", "--threads", "3",
                "--chunk-voxels", "13", "--output", b);
        assertEquals(0, ra.code(), ra.err());
        assertEquals(0, rb.code(), rb.err());
        assertContains(ra.out(), "mask:     auto", "held-out all (65 volumes)", " volume          b        nrmse",
                "b=0 nrmse mean", "ownB0Predictions", "(10 x 10 x 10 x 65, float32)");
        assertEquals(65, ra.out().lines().filter(l -> l.matches("\\s+\\d+\\s+[0-9.]+\\s+[0-9.]+")).count());
        assertEquals(Arrays.toString(NiftiReader.readAllAsDouble(a)), Arrays.toString(NiftiReader.readAllAsDouble(b)));
        assertEquals(tableOf(ra.out()), tableOf(rb.out()));
    }

    private static String tableOf(String out) {
        return out.lines().filter(l -> !l.startsWith("output:")).reduce("", (x, y) -> x + y + "\n");
    }

    @Test
    void referenceModelsAndAMaskFile() throws IOException {
        String dwi = SharedData.require("data/dipy/small_64D.nii").toString();
        String mask = dir.resolve("mask.nii.gz").toString();
        NiftiImage img = NiftiReader.read(dwi);
        float[] m = new float[img.voxelsPerVolume()];
        for (int i = 0; i < m.length; i += 3) {
            m[i] = 1;
        }
        org.dwimotion.io.nifti.NiftiWriter.write(mask, img.geometry(), 1, m, NiftiDataType.FLOAT32);
        for (String model : new String[] {"b0", "avgdwi"}) {
            String out = dir.resolve("p-" + model + ".nii.gz").toString();
            Result r = run("predict", "--dwi", dwi, "--mask", mask, "--model", model, "--held-out", "dwi",
                    "--output", out);
            assertEquals(0, r.code(), r.err());
            assertContains(r.out(), "mask:     " + mask + ", " + (m.length + 2) / 3 + " voxels", "held-out dwi (64 volumes)");
            assertEquals(64, NiftiReader.readHeader(out).nt());
        }
    }

    @Test
    void dkiWithoutThreeBValuesSuggestsDti() throws IOException {
        Path dwi = SharedData.require("data/dipy/small_64D.nii");
        Result r = run("predict", "--dwi", dwi.toString(), "--model", "dki", "--output",
                dir.resolve("pred.nii.gz").toString());
        assertEquals(1, r.code());
        assertContains(r.err(), "error: ", "small_64D.bval: DKI needs at least 3 distinct b-values", "use --model dti");
        assertNothingWritten();
    }

    @Test
    void badInputGivesOneLineErrorAndLeavesNothing() throws IOException {
        Path src = SharedData.require("data/dipy/small_64D.nii");
        String out = dir.resolve("pred.nii.gz").toString();

        Path corrupt = dir.resolve("corrupt.nii");
        byte[] bytes = Files.readAllBytes(src);
        Files.write(corrupt, Arrays.copyOf(bytes, bytes.length / 2));
        Files.copy(src.resolveSibling("small_64D.bval"), dir.resolve("corrupt.bval"));
        Files.copy(src.resolveSibling("small_64D.bvec"), dir.resolve("corrupt.bvec"));
        Result r = run("predict", "--dwi", corrupt.toString(), "--mask-mode", "nonzero", "--output", out);
        assertEquals(1, r.code());
        assertContains(r.err(), "error: " + corrupt + ": truncated");
        assertNothingWritten();

        Path shortBval = dir.resolve("short.bval");
        Files.writeString(shortBval, "0 1000 1000\n");
        Path shortBvec = dir.resolve("short.bvec");
        Files.writeString(shortBvec, "0 1 0\n0 0 1\n0 0 0\n");
        r = run("predict", "--dwi", src.toString(), "--bval", shortBval.toString(), "--bvec", shortBvec.toString(),
                "--output", out);
        assertEquals(1, r.code());
        assertContains(r.err(), "error: ", "short.bval", "65 volumes");
        assertNothingWritten();

        String wrongMask = dir.resolve("wrong-mask.nii").toString();
        org.dwimotion.io.nifti.NiftiWriter.write(wrongMask,
                org.dwimotion.image.ImageGeometry.ofSpacing(4, 4, 4, 1, 1, 1), 1, new float[64], NiftiDataType.FLOAT32);
        r = run("predict", "--dwi", src.toString(), "--mask", wrongMask, "--output", out);
        assertEquals(1, r.code());
        assertContains(r.err(), "error: " + wrongMask + ": grid");
        assertNothingWritten();

        r = run("predict", "--dwi", src.toString(), "--output", dir.resolve("absent/pred.nii.gz").toString());
        assertEquals(1, r.code());
        assertContains(r.err(), "does not exist");

        r = run("predict", "--dwi", src.toString(), "--output", dir.resolve("pred.txt").toString());
        assertEquals(1, r.code());
        assertContains(r.err(), "must end with .nii or .nii.gz");

        r = run("predict", "--dwi", src.toString(), "--model", "tensor", "--output", out);
        assertEquals(1, r.code());
        assertContains(r.err(), "error: --model: unknown model 'tensor'");
        assertNothingWritten();
    }
}
