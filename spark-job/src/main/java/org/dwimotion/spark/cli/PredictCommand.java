package org.dwimotion.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Image3D;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiHeader;
import org.dwimotion.io.nifti.NiftiImage;
import org.dwimotion.io.nifti.NiftiReadOptions;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.io.nifti.NiftiWriteOptions;
import org.dwimotion.io.nifti.NonFinitePolicy;
import org.dwimotion.mask.BrainMaskOps;
import org.dwimotion.model.FitMethod;
import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoDesign;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.model.PredictionErrors;
import org.dwimotion.model.SeriesPrediction;
import org.dwimotion.model.SeriesPredictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dwimotion predict}: the leave-one-volume-out prediction of every volume of a series, written as a 4-D NIfTI,
 * with a table of per-volume normalised prediction errors. In-process (no Spark): {@link SeriesPredictor} does the
 * work. Used to inspect data quality and to check parity with DIPY from outside. Bad input prints
 * {@code error: <file>: <problem>}, exits with 1 and leaves no output.
 */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        description = {"Predict every volume of a diffusion series from the others (leave-one-volume-out).",
                "Writes the predictions as a 4-D NIfTI and prints the per-volume normalised prediction error. "
                        + "Runs locally (no Spark); see docs/models.md."})
public final class PredictCommand implements Callable<Integer> {

    /** Which volumes are predicted. */
    enum HeldOut { dwi, all }

    /** How the mask is made when no --mask is given. */
    enum MaskMode { auto, nonzero }

    @Spec
    CommandSpec spec;

    @Option(names = "--dwi", required = true, paramLabel = "FILE",
            description = "4-D diffusion series (.nii/.nii.gz; local path or file:, hdfs://, s3a:// location).")
    String dwi;

    @Option(names = "--bval", paramLabel = "FILE", description = "b-values (default: sidecar of --dwi).")
    String bval;

    @Option(names = "--bvec", paramLabel = "FILE", description = "b-vectors, FSL frame (default: sidecar of --dwi).")
    String bvec;

    @Option(names = "--mask", paramLabel = "FILE",
            description = "3-D mask on the series' grid; voxels > 0 are predicted (default: see --mask-mode).")
    String mask;

    @Option(names = "--mask-mode", paramLabel = "MODE", defaultValue = "auto",
            description = "Without --mask: auto = brain mask of the mean b=0 image (Otsu, largest component, "
                    + "closing, holes filled); nonzero = mean b=0 > 0, as DIPY's goldens of the data crops "
                    + "(default: ${DEFAULT-VALUE}).")
    MaskMode maskMode;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "dti",
            description = "dti, dki, b0 or avgdwi (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--fit", paramLabel = "METHOD", defaultValue = "wls",
            description = "ols or wls, for dti and dki (default: ${DEFAULT-VALUE}).")
    String fit;

    @Option(names = "--held-out", paramLabel = "WHICH", defaultValue = "all",
            description = "all = every volume (b=0 volumes predicted by the mean of the other b=0 volumes); "
                    + "dwi = diffusion-weighted volumes only (default: ${DEFAULT-VALUE}).")
    HeldOut heldOut;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Predictions, 4-D NIfTI (.nii or .nii.gz), same grid and affine, 0 outside the mask.")
    String output;

    @Option(names = "--float64", description = "Write float64 instead of float32 (float32 rounds by up to 6e-8).")
    boolean float64;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = "--chunk-voxels", paramLabel = "K", defaultValue = "4096",
            description = "Voxels per chunk (default: ${DEFAULT-VALUE}); results do not depend on it.")
    int chunkVoxels;

    @Mixin
    B0ThresholdOption b0Option;

    /** A problem with one input, reported as {@code error: <file>: <problem>}. */
    private static final class InputException extends Exception {
        InputException(String file, String problem) {
            super(file + ": " + problem);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            run(out);
            out.flush();
            return 0;
        } catch (InputException | IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private void run(PrintWriter out) throws IOException, InputException {
        long start = System.nanoTime();
        checkOptions();
        Storage storage = Locations.storage();
        NiftiReadOptions readOptions = NiftiReadOptions.defaults().withStorage(storage)
                .withNonFinite(NonFinitePolicy.KEEP);
        NiftiHeader header = NiftiReader.readHeader(dwi, readOptions);
        if (header.nt() < 2) {
            throw new InputException(dwi, "a diffusion series needs a 4th dimension of at least 2 volumes, got "
                    + header.nt());
        }
        GradientTable gradients = readGradients(storage);
        gradients.requireVolumes(header.nt(), dwi);
        LovoDesign design = design(gradients);

        String maskSource;
        byte[] maskBytes;
        if (mask != null) {
            maskBytes = readMask(header, readOptions);
            maskSource = mask;
        } else {
            Image3D meanB0 = SeriesPredictor.meanB0(dwi, readOptions, design.b0Volumes());
            maskBytes = maskMode == MaskMode.nonzero ? SeriesPredictor.positiveMask(meanB0)
                    : BrainMaskOps.computeMask(meanB0);
            maskSource = maskMode == MaskMode.nonzero ? "nonzero (mean b=0 > 0)" : "auto (brain mask of the mean b=0)";
        }
        ChunkPlan plan = ChunkPlan.fromMask(maskBytes, chunkVoxels);
        if (plan.maskedVoxels() == 0) {
            throw new InputException(mask != null ? mask : dwi, "the mask is empty: no voxel to predict");
        }
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        SeriesPrediction prediction = SeriesPredictor.predict(dwi, readOptions, design, plan, nThreads);
        NiftiDataType type = float64 ? NiftiDataType.FLOAT64 : NiftiDataType.FLOAT32;
        SeriesPredictor.write(prediction, output, type, NiftiWriteOptions.defaults().withStorage(storage));
        double seconds = (System.nanoTime() - start) * 1e-9;
        new PredictionReport(out).print(this, header, gradients, prediction, maskSource, nThreads, type, seconds);
    }

    private void checkOptions() throws InputException {
        String lower = output.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".nii") && !lower.endsWith(".nii.gz")) {
            throw new InputException(output, "a NIfTI output must end with .nii or .nii.gz");
        }
        if (output.equals(dwi)) {
            throw new InputException(output, "the output would overwrite the input series");
        }
        if (!Locations.hasScheme(output)) {
            Path parent = Path.of(output).toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new InputException(output, "the output folder " + parent + " does not exist");
            }
        }
        if (threads != null && threads < 1) {
            throw new InputException("--threads", "must be at least 1, got " + threads);
        }
        if (chunkVoxels < 1) {
            throw new InputException("--chunk-voxels", "must be at least 1, got " + chunkVoxels);
        }
        if (!(b0Option.value() >= 0) || Double.isInfinite(b0Option.value())) {
            throw new InputException("--b0-threshold", "must be finite and >= 0, got " + b0Option.value());
        }
    }

    private GradientTable readGradients(Storage storage) throws IOException, InputException {
        if ((bval == null) != (bvec == null)) {
            throw new InputException(dwi, "give both --bval and --bvec, or neither (sidecars are then used)");
        }
        if (bval != null) {
            return GradientTable.read(bval, bvec, storage, b0Option.value());
        }
        String[] found = GradientTable.findSidecars(dwi, storage);
        if (found == null) {
            String base = Locations.stripNiftiExtension(dwi);
            throw new InputException(dwi, "no gradient sidecars (" + base + ".bval / .bvec): give --bval and --bvec");
        }
        bval = found[0];
        bvec = found[1];
        return GradientTable.read(bval, bvec, storage, b0Option.value());
    }

    private LovoDesign design(GradientTable gradients) throws InputException {
        LovoModelType modelType;
        FitMethod fitMethod;
        try {
            modelType = LovoModelType.parse(model);
        } catch (IllegalArgumentException e) {
            throw new InputException("--model", e.getMessage());
        }
        try {
            fitMethod = FitMethod.parse(fit);
        } catch (IllegalArgumentException e) {
            throw new InputException("--fit", e.getMessage());
        }
        double[] b = gradients.bvals();
        if (modelType == LovoModelType.DKI && !LovoDesign.supportsDki(b)) {
            throw new InputException(bval, "DKI needs at least 3 distinct b-values (b=0 included) in every"
                    + " leave-one-out subset, this series has " + distinctB(b) + "; use --model dti");
        }
        if (gradients.b0Indices().length == 0) {
            throw new InputException(bval, "no b=0 volume (b <= " + b0Option.value() + " s/mm^2): predictions are scaled"
                    + " by the mean b=0 signal (see --b0-threshold)");
        }
        try {
            return heldOut == HeldOut.all
                    ? LovoDesign.allVolumes(modelType, fitMethod, b, gradients.bvecs(), gradients.b0Threshold())
                    : LovoDesign.diffusionWeighted(modelType, fitMethod, b, gradients.bvecs(),
                    gradients.b0Threshold());
        } catch (IllegalArgumentException e) {
            throw new InputException(bval, e.getMessage());
        }
    }

    private static String distinctB(double[] b) {
        double[] d = Arrays.stream(b).map(Math::rint).distinct().sorted().toArray();
        return d.length + " distinct b-value" + (d.length == 1 ? "" : "s") + " " + Arrays.toString(d);
    }

    private byte[] readMask(NiftiHeader series, NiftiReadOptions options) throws IOException, InputException {
        NiftiImage m = NiftiReader.read(mask, options);
        if (m.nt() != 1) {
            throw new InputException(mask, "a mask must be 3-D, this image has " + m.nt() + " volumes");
        }
        if (!m.geometry().sameGrid(series.geometry(), 1e-3)) {
            throw new InputException(mask, "grid " + m.geometry() + " differs from the series' "
                    + series.geometry() + " (same dimensions and affine within 1e-3 mm needed)");
        }
        float[] d = m.data();
        byte[] out = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (byte) (d[i] > 0 ? 1 : 0);
        }
        return out;
    }

    /** The text printed after a successful run: a per-volume table, a summary and the kernel's counts. */
    private static final class PredictionReport {
        private final PrintWriter out;

        PredictionReport(PrintWriter out) {
            this.out = out;
        }

        void print(PredictCommand c, NiftiHeader h, GradientTable g, SeriesPrediction p, String maskSource,
                   int threads, NiftiDataType type, double seconds) {
            LovoDesign d = p.design();
            PredictionErrors e = p.errors();
            out.printf(Locale.ROOT, "series:   %s (%d x %d x %d x %d), gradients %s / %s%n", c.dwi, h.nx(), h.ny(),
                    h.nz(), h.nt(), c.bval, c.bvec);
            out.printf(Locale.ROOT, "model:    %s, fit %s, held-out %s (%d volumes), b=0 volumes %d (b <= %s)%n",
                    d.model().cliName(), d.fit().name().toLowerCase(Locale.ROOT), c.heldOut, d.nHeldOut(),
                    d.b0Volumes().length, fmt(d.b0Threshold()));
            out.printf(Locale.ROOT, "mask:     %s, %d voxels; mean b=0 over the mask %s%n", maskSource,
                    p.plan().maskedVoxels(), fmt(e.meanB0()));
            out.printf(Locale.ROOT, "%7s %10s %12s%n", "volume", "b", "nrmse");
            for (int j = 0; j < d.nHeldOut(); j++) {
                int v = d.heldOutVolume(j);
                out.printf(Locale.ROOT, "%7d %10.1f %12.6f%n", v, g.bval(v), e.nrmse(j));
            }
            out.println("summary:  " + summary(d, e, true) + "; " + summary(d, e, false)
                    + (e.excludedVoxels() > 0 ? "; " + e.excludedVoxels() + " voxels with NaN/Inf samples left out"
                    : ""));
            LovoCounts k = p.counts();
            out.printf(Locale.ROOT, "counts:   voxels %d, nonFiniteVoxels %d, flooredVoxels %d, clippedPredictions %d, "
                            + "wlsFallbacks %d, nonFinitePredictions %d, ownB0Predictions %d%n", k.voxels(),
                    k.nonFiniteVoxels(), k.flooredVoxels(), k.clippedPredictions(), k.wlsFallbacks(),
                    k.nonFinitePredictions(), k.ownB0Predictions());
            out.printf(Locale.ROOT, "output:   %s (%d x %d x %d x %d, %s), %d threads, %.2f s%n", c.output, h.nx(),
                    h.ny(), h.nz(), d.nHeldOut(), type.name().toLowerCase(Locale.ROOT), threads, seconds);
        }

        private static String summary(LovoDesign d, PredictionErrors e, boolean dwi) {
            double[] values = new double[d.nHeldOut()];
            int n = 0;
            int worst = -1;
            double sum = 0;
            for (int j = 0; j < d.nHeldOut(); j++) {
                if (d.isB0(d.heldOutVolume(j)) == dwi) {
                    continue;
                }
                double x = e.nrmse(j);
                values[n++] = x;
                sum += x;
                if (worst < 0 || x > e.nrmse(worst)) {
                    worst = j;
                }
            }
            String what = dwi ? "dwi" : "b=0";
            if (n == 0) {
                return what + " none";
            }
            double[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            return String.format(Locale.ROOT, "%s nrmse mean %.6f, median %.6f, max %.6f (volume %d, %d volumes)",
                    what, sum / n, median, e.nrmse(worst), d.heldOutVolume(worst), n);
        }

        private static String fmt(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v)
                    : String.format(Locale.ROOT, "%.6g", v);
        }
    }
}
