package org.dwimotion.spark.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dwimotion.gradients.BvecFrames;
import org.dwimotion.image.Image3D;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiWriter;
import org.dwimotion.sim.DwiSimulator;
import org.dwimotion.sim.SimulatedSeries;
import org.dwimotion.sim.SimulationConfig;
import org.dwimotion.sim.TruthFiles;

/** Writes a simulated series with known motion as the job's inputs: dwi.nii.gz + BIDS sidecars + true mask. */
final class SimulatedSeriesFiles {
    /** ~24×28×24 at 5 mm, b = 1000/3000 × 18 directions + 4 b=0 = 40 volumes, SNR 30, motion up to 2 mm / 2°. */
    static final SimulationConfig SMALL = new SimulationConfig(new int[] {24, 28, 24}, 5.0,
            new double[] {1000, 3000}, 18, 4, 30, 2.0, 2.0, 2, 0.0, 7L);
    /** {@link #SMALL} at a realistic resolution: the same head and field of view on a 48×56×48 grid of 2.5 mm. */
    static final SimulationConfig FINE = new SimulationConfig(new int[] {48, 56, 48}, 2.5,
            new double[] {1000, 3000}, 18, 4, 30, 2.0, 2.0, 2, 0.0, 7L);

    final Path dir;
    final SimulatedSeries series;

    private SimulatedSeriesFiles(Path dir, SimulatedSeries series) {
        this.dir = dir;
        this.series = series;
    }

    static SimulatedSeriesFiles write(Path dir, SimulationConfig config) throws IOException {
        SimulatedSeries s = new DwiSimulator().simulate(config);
        Files.createDirectories(dir);
        NiftiWriter.write(dir.resolve("dwi.nii.gz").toString(), s.geometry(), s.volumes(), s.data(),
                NiftiDataType.FLOAT32);
        Files.writeString(dir.resolve("dwi.bval"), TruthFiles.bval(s.scheme().bvals()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("dwi.bvec"),
                TruthFiles.bvec(BvecFrames.worldToFsl(s.scheme().bvecs(), s.geometry().voxelToWorld())),
                StandardCharsets.US_ASCII);
        return new SimulatedSeriesFiles(dir, s);
    }

    String dwi() {
        return dir.resolve("dwi.nii.gz").toString();
    }

    /** The true brain mask of the reference head as an image. */
    Image3D trueMask() {
        return series.phantom().maskImage();
    }
}
