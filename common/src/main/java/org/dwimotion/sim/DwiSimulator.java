package org.dwimotion.sim;

import java.util.Random;
import java.util.stream.IntStream;
import org.dwimotion.image.Affines;
import org.dwimotion.image.ImageGeometry;

/**
 * Simulates a diffusion MRI series of the {@link HeadAnatomy head phantom} with known motion.
 *
 * <p>For each volume v, in this order:
 * <ol>
 *   <li>the scanner-frame gradient g is expressed in the moved head's frame, Rᵀ·g
 *       ({@link MotionModel#gradientInHeadFrame});</li>
 *   <li>the noise-free DKI signal of every reference-frame voxel is computed for (b, Rᵀ·g);</li>
 *   <li>that image is resampled through the truth transform T_v (motion, then eddy distortion):
 *       the output at point y is the reference image at T_v⁻¹·y;</li>
 *   <li>Rician noise with σ = S0(white matter) / SNR is added everywhere, background included.</li>
 * </ol>
 * No Jacobian intensity modulation is applied for the eddy distortion.
 *
 * <p>Volumes are computed in parallel; each draws its noise from its own seeded stream, so the
 * result does not depend on the number of threads.
 */
public final class DwiSimulator {
    private final VolumeWarper warper;

    /** @param warper resampler used to move each volume; one copy is made per volume */
    public DwiSimulator(VolumeWarper warper) {
        this.warper = warper;
    }

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

    public SimulatedSeries simulate(SimulationConfig config) {
        ImageGeometry geometry = geometryOf(config);
        DkiPhantom phantom = DkiPhantom.defaultHead(geometry);
        GradientScheme scheme = GradientScheme.interleaved(config.shells(), config.directionsPerShell(), config.b0Count());
        int nVol = scheme.size();
        MotionTrajectory.Result trajectory = MotionTrajectory.generate(nVol, config.maxTranslationMm(),
                config.maxRotationRadians(), config.spikes(), deriveSeed(config.seed(), 1, 0));
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

        SignalSource source = SignalSource.of(phantom);
        int nVox = geometry.numVoxels();
        float[] data = new float[Math.multiplyExact(nVox, nVol)];
        IntStream.range(0, nVol).parallel().forEach(v -> {
            float[] reference = new float[nVox];
            double[] gHead = new double[3];
            MotionModel.gradientInHeadFrame(trajectory.motion()[v], g[3 * v], g[3 * v + 1], g[3 * v + 2], gHead);
            source.render(scheme.bvals()[v], gHead[0], gHead[1], gHead[2], reference);
            double[] t = new double[16];
            System.arraycopy(transforms, 16 * v, t, 0, 16);
            float[] moved = new float[nVox];
            warper.copy().warp(reference, geometry, Affines.invert(t), geometry, moved);
            if (sigma > 0) {
                RicianNoise.addInPlace(moved, 0, nVox, sigma, new Random(deriveSeed(config.seed(), 2, v)));
            }
            System.arraycopy(moved, 0, data, nVox * v, nVox);
        });
        return new SimulatedSeries(geometry, data, scheme, trajectory.motion(), trajectory.spike(), eddy, transforms,
                centre, phantom, sigma);
    }

    /** A well-mixed seed for stream {@code stream}, item {@code index} (SplitMix64 finaliser). */
    static long deriveSeed(long seed, int stream, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + stream) + 0xBF58476D1CE4E5B9L * index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The phantom's signal-bearing voxels with their packed DKI coefficients, for fast rendering. */
    private record SignalSource(int[] voxels, double[] s0, double[] coefficients) {
        static SignalSource of(DkiPhantom p) {
            int[] voxels = p.supportVoxels();
            double[] s0 = new double[voxels.length], coef = new double[DkiSignalOps.ROW_LENGTH * voxels.length];
            double[] d = new double[6], w = new double[15], c = new double[DkiSignalOps.ROW_LENGTH];
            for (int i = 0; i < voxels.length; i++) {
                s0[i] = p.s0()[voxels[i]];
                p.tensorAt(voxels[i], d);
                p.kurtosisAt(voxels[i], w);
                DkiSignalOps.coefficients(d, w, c);
                System.arraycopy(c, 0, coef, DkiSignalOps.ROW_LENGTH * i, DkiSignalOps.ROW_LENGTH);
            }
            return new SignalSource(voxels, s0, coef);
        }

        /** Noise-free signal for (b, head-frame g) on the reference grid; out is zeroed outside the support. */
        void render(double b, double gx, double gy, double gz, float[] out) {
            double[] row = new double[DkiSignalOps.ROW_LENGTH];
            DkiSignalOps.designRow(b, gx, gy, gz, row);
            int len = DkiSignalOps.ROW_LENGTH;
            for (int i = 0; i < voxels.length; i++) {
                double s = 0;
                int base = len * i;
                for (int k = 0; k < len; k++) {
                    s += row[k] * coefficients[base + k];
                }
                out[voxels[i]] = (float) (s0[i] * Math.exp(s));
            }
        }
    }
}
