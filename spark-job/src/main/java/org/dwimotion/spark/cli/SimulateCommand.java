package org.dwimotion.spark.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dwimotion.sim.DwiSimulator;
import org.dwimotion.sim.SimulatedVolumes;
import org.dwimotion.sim.SimulationConfig;
import org.dwimotion.sim.SimulationWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dwimotion simulate}: writes a synthetic diffusion series of a head phantom with known motion,
 * for demos and accuracy measurements. Runs locally (no Spark); see docs/simulate.md.
 */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = {"Simulate a multi-shell diffusion series of a head phantom with known head motion.",
                "Writes dwi.nii.gz, dwi.bval, dwi.bvec, mask.nii.gz, motion_truth.tsv, motion_truth.json and params/."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Folder to create (must not exist, or be empty).")
    Path output;

    @Option(names = "--shape", split = ",", paramLabel = "X,Y,Z", defaultValue = "40,48,40",
            description = "Grid size in voxels, each 16-256 (default: ${DEFAULT-VALUE}).")
    int[] shape;

    @Option(names = "--voxel", paramLabel = "MM", defaultValue = "4.5",
            description = "Isotropic voxel size in mm, (0.5, 10] (default: ${DEFAULT-VALUE}).")
    double voxel;

    @Option(names = "--shells", split = ",", paramLabel = "B", defaultValue = "1000,2000,3000",
            description = "Diffusion-weighted b-values, s/mm², each in (50, 3500] and more than 100 apart "
                    + "(default: ${DEFAULT-VALUE}).")
    double[] shells;

    @Option(names = "--directions", paramLabel = "N", defaultValue = "30",
            description = "Directions per shell, 6-500 (default: ${DEFAULT-VALUE}).")
    int directions;

    @Option(names = "--b0", paramLabel = "N", defaultValue = "6",
            description = "Number of b=0 volumes, interleaved, 1-100; volume 0 is one (default: ${DEFAULT-VALUE}).")
    int b0;

    @Option(names = "--snr", paramLabel = "SNR", defaultValue = "30",
            description = "White-matter S0 over noise sigma; 0 = no noise (default: ${DEFAULT-VALUE}).")
    double snr;

    @Option(names = "--max-translation", paramLabel = "MM", defaultValue = "2",
            description = "Largest |translation| per axis, 0-20 mm (default: ${DEFAULT-VALUE}).")
    double maxTranslation;

    @Option(names = "--max-rotation", paramLabel = "DEG", defaultValue = "2",
            description = "Largest |rotation| per axis, 0-20 degrees (default: ${DEFAULT-VALUE}).")
    double maxRotation;

    @Option(names = "--spikes", paramLabel = "N", defaultValue = "2",
            description = "Volumes with sudden motion (default: ${DEFAULT-VALUE}).")
    int spikes;

    @Option(names = "--eddy", paramLabel = "FRACTION", defaultValue = "0",
            description = "Eddy-current-like y scaling/shear at b=bmax, 0-0.1 (default: ${DEFAULT-VALUE}).")
    double eddy;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Random seed for motion and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--voxel-samples", paramLabel = "N", defaultValue = "" + SimulationConfig.DEFAULT_VOXEL_SAMPLES,
            description = "Points per voxel axis whose signals each voxel averages, its partial volume, as an "
                    + "acquisition's voxel shows its whole volume; 1-" + SimulationConfig.MAX_VOXEL_SAMPLES
                    + ", 1 = the signal at the voxel centre (default: ${DEFAULT-VALUE}).")
    int voxelSamples;

    @Override
    public Integer call() {
        SimulationConfig config;
        try {
            config = new SimulationConfig(shape, voxel, shells, directions, b0, snr, maxTranslation, maxRotation,
                    spikes, eddy, seed, voxelSamples);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        long start = System.nanoTime();
        // rendered while written, a batch of volumes at a time: the heap never holds the series
        SimulatedVolumes series = new DwiSimulator().volumes(config);
        try {
            SimulationWriter.write(series, config, output);
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
        int[] s = config.shape();
        spec.commandLine().getOut().printf(Locale.ROOT, "simulated %d volumes of %dx%dx%d at %.2f mm into %s (%.1f s)%n",
                series.truth().volumes(), s[0], s[1], s[2], config.voxelMm(), output, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
