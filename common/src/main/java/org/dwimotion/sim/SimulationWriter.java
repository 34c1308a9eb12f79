package org.dwimotion.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.stream.IntStream;
import org.dwimotion.gradients.BvecFrames;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.Int16Scaling;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiVolumeWriter;
import org.dwimotion.io.nifti.NiftiWriteOptions;
import org.dwimotion.io.nifti.NiftiWriter;

/**
 * Writes a simulated series and its truth into a folder, all or nothing: everything goes into a
 * hidden temporary folder beside the target, which is renamed to the target only when complete.
 *
 * <p>Files: {@code dwi.nii.gz} (float32, X×Y×Z×N), {@code dwi.bval}, {@code dwi.bvec} (FSL frame),
 * {@code mask.nii.gz} (int16 0/1 true brain mask), {@code motion_truth.tsv} and
 * {@code motion_truth.json} (see {@link TruthFiles}), and reference-frame truth maps in
 * {@code params/}: {@code s0.nii.gz}, {@code dki_d.nii.gz} (6 volumes, Dxx Dxy Dyy Dxz Dyz Dzz, mm²/s)
 * and {@code dki_w.nii.gz} (15 volumes, DIPY dki order, see {@link DkiSignalOps}).
 */
public final class SimulationWriter {
    private SimulationWriter() {
    }

    /**
     * @param output target folder: must not exist, or be an empty folder; its parent is created if needed
     * @throws IOException naming the folder and the problem; nothing is left behind on failure
     */
    public static void write(SimulatedSeries series, SimulationConfig config, Path output) throws IOException {
        write(series, config, output, dwi -> NiftiWriter.write(dwi, series.geometry(), series.volumes(),
                series.data(), NiftiDataType.FLOAT32));
    }

    /**
     * The same files as {@link #write(SimulatedSeries, SimulationConfig, Path)} of the simulated series, rendering
     * and writing a batch of volumes at a time (as many as there are processors, rendered in parallel), so the heap
     * holds one batch, not the series.
     */
    public static void write(SimulatedVolumes volumes, SimulationConfig config, Path output) throws IOException {
        SimulatedSeries t = volumes.truth();
        write(t, config, output, dwi -> {
            int nVox = t.geometry().numVoxels();
            int batch = Math.max(1, Math.min(t.volumes(), Runtime.getRuntime().availableProcessors()));
            float[] buffer = new float[Math.multiplyExact(nVox, batch)];
            try (NiftiVolumeWriter w = NiftiVolumeWriter.open(dwi, t.geometry(), t.volumes(), NiftiDataType.FLOAT32,
                    Int16Scaling.IDENTITY, NiftiWriteOptions.defaults())) {
                for (int v0 = 0; v0 < t.volumes(); v0 += batch) {
                    int first = v0;
                    int count = Math.min(batch, t.volumes() - v0);
                    IntStream.range(0, count).parallel().forEach(i -> volumes.render(first + i, buffer, i * nVox));
                    for (int i = 0; i < count; i++) {
                        w.write(buffer, i * nVox);
                    }
                }
                w.commit();
            }
        });
    }

    /** Writes {@code dwi.nii.gz} at the location it is given. */
    @FunctionalInterface
    private interface SeriesFile {
        void write(String location) throws IOException;
    }

    private static void write(SimulatedSeries s, SimulationConfig config, Path output, SeriesFile dwi)
            throws IOException {
        Path target = output.toAbsolutePath().normalize();
        if (Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target))) {
            throw new IOException("output " + target + " already exists and is not an empty folder; "
                    + "choose another or remove it");
        }
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException("output " + target + " has no parent folder");
        }
        Path staging;
        try {
            Files.createDirectories(parent);
            // a plain createDirectory keeps the user's umask (createTempDirectory would make it owner-only)
            staging = Files.createDirectory(parent.resolve("." + target.getFileName() + ".tmp-"
                    + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE)));
        } catch (IOException | SecurityException e) {
            throw new IOException("cannot write into " + parent + " (for output " + target + "): " + e, e);
        }
        try {
            writeAll(s, config, staging, dwi);
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(staging);
            throw new IOException("could not write the simulation to " + target + ": " + e.getMessage(), e);
        }
    }

    private static void writeAll(SimulatedSeries s, SimulationConfig config, Path dir, SeriesFile dwi)
            throws IOException {
        ImageGeometry g = s.geometry();
        dwi.write(dir.resolve("dwi.nii.gz").toString());
        Files.writeString(dir.resolve("dwi.bval"), TruthFiles.bval(s.scheme().bvals()), StandardCharsets.US_ASCII);
        double[] fsl = BvecFrames.worldToFsl(s.scheme().bvecs(), g.voxelToWorld());
        Files.writeString(dir.resolve("dwi.bvec"), TruthFiles.bvec(fsl), StandardCharsets.US_ASCII);
        NiftiWriter.write(dir.resolve("mask.nii.gz").toString(), g, 1, s.phantom().maskImage().data(),
                NiftiDataType.INT16);
        Files.writeString(dir.resolve("motion_truth.tsv"), TruthFiles.motionTsv(s), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("motion_truth.json"), TruthFiles.motionJson(s, config), StandardCharsets.UTF_8);
        Path params = Files.createDirectory(dir.resolve("params"));
        NiftiWriter.write(params.resolve("s0.nii.gz").toString(), g, 1, toFloat(s.phantom().s0()), NiftiDataType.FLOAT32);
        NiftiWriter.write(params.resolve("dki_d.nii.gz").toString(), g, 6, toFloat(s.phantom().d6()), NiftiDataType.FLOAT32);
        NiftiWriter.write(params.resolve("dki_w.nii.gz").toString(), g, 15, toFloat(s.phantom().w15()), NiftiDataType.FLOAT32);
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort: the original failure is what the caller needs to see
        }
    }
}
