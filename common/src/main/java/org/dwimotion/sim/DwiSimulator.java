package org.dwimotion.sim;

import java.util.stream.IntStream;
import org.dwimotion.image.ImageGeometry;

/**
 * Simulates a diffusion MRI series of the {@link HeadAnatomy head phantom} with known motion.
 *
 * <p>For each volume v, in this order:
 * <ol>
 *   <li>the scanner-frame gradient g is expressed in the moved head's frame, Rᵀ·g
 *       ({@link MotionModel#gradientInHeadFrame});</li>
 *   <li>each output voxel at world point y shows the anatomy found at T_v⁻¹·y of the reference head,
 *       T_v the truth transform (motion, then eddy distortion); its noise-free DKI signal for
 *       (b, Rᵀ·g) is evaluated there analytically ({@link PhantomSignal}), so no interpolation error
 *       enters the data, and averaged over the voxel's volume ({@link SimulationConfig#voxelSamples()}
 *       points per axis, {@link PhantomSignal#voxelMean}) as an acquisition's voxel is;</li>
 *   <li>Rician noise with σ = S0(white matter) / SNR is added everywhere, background included.</li>
 * </ol>
 * No Jacobian intensity modulation is applied for the eddy distortion.
 *
 * <p>Volumes are computed in parallel; each draws its noise from its own seeded stream, so the
 * result does not depend on the number of threads.
 */
public final class DwiSimulator {

    /** The grid of a configuration: axis-aligned, isotropic voxels, FOV centre at world (0, 0, 0). */
    public static ImageGeometry geometryOf(SimulationConfig config) {
        int[] s = config.shape();
        double v = config.voxelMm();
        return new ImageGeometry(s[0], s[1], s[2], new double[] {
                v, 0, 0, -v * (s[0] - 1) / 2.0,
                0, v, 0, -v * (s[1] - 1) / 2.0,
                0, 0, v, -v * (s[2] - 1) / 2.0,
                0, 0, 0, 1});
    }

    /** Simulates with motion drawn by {@link MotionTrajectory} from the configuration's seed. */
    public SimulatedSeries simulate(SimulationConfig config) {
        return simulate(config, trajectory(config));
    }

    /**
     * Simulates with the given motion (one entry per volume; the configuration's motion limits and
     * spike count are then ignored).
     */
    public SimulatedSeries simulate(SimulationConfig config, MotionTrajectory.Result trajectory) {
        SimulatedVolumes volumes = volumes(config, trajectory);
        SimulatedSeries t = volumes.truth();
        int nVox = t.geometry().numVoxels();
        float[] data = new float[Math.multiplyExact(nVox, t.volumes())];
        IntStream.range(0, t.volumes()).parallel().forEach(v -> volumes.render(v, data, nVox * v));
        return new SimulatedSeries(t.geometry(), data, t.scheme(), t.motion(), t.spike(), t.eddy(), t.transforms(),
                t.centre(), t.phantom(), t.sigma());
    }

    /** The truth of {@link #simulate(SimulationConfig)} with its volumes rendered on demand, not held. */
    public SimulatedVolumes volumes(SimulationConfig config) {
        return volumes(config, trajectory(config));
    }

    /** The truth of {@link #simulate(SimulationConfig, MotionTrajectory.Result)}, volumes rendered on demand. */
    public SimulatedVolumes volumes(SimulationConfig config, MotionTrajectory.Result trajectory) {
        ImageGeometry geometry = geometryOf(config);
        DkiPhantom phantom = DkiPhantom.defaultHead(geometry);
        GradientScheme scheme = GradientScheme.interleaved(config.shells(), config.directionsPerShell(), config.b0Count());
        int nVol = scheme.size();
        if (trajectory.motion().length != nVol || trajectory.spike().length != nVol) {
            throw new IllegalArgumentException("motion has " + trajectory.motion().length + " volumes, the scheme "
                    + nVol);
        }
        double[] centre = geometry.fieldOfViewCentre();
        double bMax = scheme.maxB();
        double[] eddy = new double[3 * nVol];
        double[] transforms = new double[16 * nVol];
        double[] g = scheme.bvecs();
        for (int v = 0; v < nVol; v++) {
            double[] e = MotionModel.eddyCoefficients(config.eddyFraction(), scheme.bvals()[v], bMax,
                    g[3 * v], g[3 * v + 1], g[3 * v + 2]);
            System.arraycopy(e, 0, eddy, 3 * v, 3);
            System.arraycopy(MotionModel.volumeTransform(trajectory.motion()[v], e, centre), 0, transforms, 16 * v, 16);
        }
        double sigma = config.snr() > 0 ? TissueClass.WHITE_MATTER.s0() / config.snr() : 0;
        SimulatedSeries truth = new SimulatedSeries(geometry, null, scheme, trajectory.motion(), trajectory.spike(),
                eddy, transforms, centre, phantom, sigma);
        return new SimulatedVolumes(truth, new HeadAnatomy(geometry), config.seed(), config.voxelSamples());
    }

    private static MotionTrajectory.Result trajectory(SimulationConfig config) {
        return MotionTrajectory.generate(config.volumes(), config.maxTranslationMm(), config.maxRotationRadians(),
                config.spikes(), deriveSeed(config.seed(), 1, 0));
    }

    /** A well-mixed seed for stream {@code stream}, item {@code index} (SplitMix64 finaliser). */
    static long deriveSeed(long seed, int stream, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + stream) + 0xBF58476D1CE4E5B9L * index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
