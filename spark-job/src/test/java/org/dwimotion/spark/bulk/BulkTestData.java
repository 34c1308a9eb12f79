package org.dwimotion.spark.bulk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dwimotion.gradients.BvecFrames;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiWriter;
import org.dwimotion.model.FitMethod;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.sim.DwiSimulator;
import org.dwimotion.sim.SimulatedSeries;
import org.dwimotion.sim.SimulationConfig;
import org.dwimotion.sim.TruthFiles;
import org.dwimotion.spark.job.RunConfig;

/** Tiny simulated BIDS datasets for bulk tests: 16×18×16 voxels, 1 shell × 8 directions + 2 b=0 (10 volumes). */
public final class BulkTestData {
    private BulkTestData() {
    }

    public static SimulationConfig tiny(long seed) {
        return new SimulationConfig(new int[] {16, 18, 16}, 5.0, new double[] {1000}, 8, 2, 30, 1.5, 1.5, 1, 0.0, seed);
    }

    /**
     * Writes {@code sub-<label>[/ses-<session>]/dwi/<entities>_dwi.nii.gz} with its .bval, .bvec and .json.
     *
     * @return the image path
     */
    public static Path series(Path root, String subject, String session, long seed) throws IOException {
        SimulatedSeries s = new DwiSimulator().simulate(tiny(seed));
        Path dir = root.resolve("sub-" + subject);
        String stem = "sub-" + subject;
        if (session != null) {
            dir = dir.resolve("ses-" + session);
            stem += "_ses-" + session;
        }
        dir = dir.resolve("dwi");
        Files.createDirectories(dir);
        Path dwi = dir.resolve(stem + "_dwi.nii.gz");
        NiftiWriter.write(dwi.toString(), s.geometry(), s.volumes(), s.data(), NiftiDataType.FLOAT32);
        Files.writeString(dir.resolve(stem + "_dwi.bval"), TruthFiles.bval(s.scheme().bvals()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(stem + "_dwi.bvec"),
                TruthFiles.bvec(BvecFrames.worldToFsl(s.scheme().bvecs(), s.geometry().voxelToWorld())),
                StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(stem + "_dwi.json"), "{\"PhaseEncodingDirection\": \"j-\"}\n");
        Files.writeString(root.resolve("dataset_description.json"),
                "{\"Name\": \"bulk test\", \"BIDSVersion\": \"1.9.0\"}\n");
        return dwi;
    }

    /** The two-subject dataset of the storage tests: sub-01 (session 1) and sub-02 (no session). */
    public static void twoSubjects(Path root) throws IOException {
        series(root, "01", "1", 11);
        series(root, "02", null, 12);
    }

    /** Processing options for tiny series: DTI, 1 iteration. */
    public static RunConfig options(int iterations) {
        return new RunConfig("unused", null, null, null, "unused", "dti", FitMethod.WLS, TransformType.RIGID,
                iterations, 400, 0L, 50);
    }

    public static BulkConfig config(String bids, String output, int iterations) {
        return new BulkConfig(bids, output, List.of(), 2, false, false, options(iterations));
    }

    /** Every file under {@code dir}, relative, sorted. */
    /**
     * The all-affines table a series' job writes, relative to the series' output folder: the job names its
     * outputs after the input's BIDS entities, which are the folder's last path component here
     * ({@code sub-01/ses-1/dwi/sub-01_ses-1} → {@code sub-01_ses-1_desc-hmc_affines.tsv}).
     */
    public static String affines(String seriesFolder) {
        return seriesFolder.substring(seriesFolder.lastIndexOf('/') + 1) + "_desc-hmc_affines.tsv";
    }

    public static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .sorted(Comparator.naturalOrder()).toList();
        }
    }
}
