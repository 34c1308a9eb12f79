package org.dwimotion.sim;

import java.util.Random;
import org.dwimotion.image.Affines;
import org.dwimotion.image.ImageGeometry;

/**
 * The volumes of a simulation, rendered on demand: the same samples as {@link SimulatedSeries#data()} of
 * {@link DwiSimulator#simulate}, one volume at a time, so a series larger than the heap can be written
 * ({@link SimulationWriter#write(SimulatedVolumes, SimulationConfig, java.nio.file.Path)}). Thread-safe: volumes
 * may be rendered concurrently (each draws its noise from its own seeded stream).
 *
 * @param truth        everything but the samples ({@code truth.data()} is null)
 * @param voxelSamples points per voxel axis averaged into each voxel ({@link PhantomSignal#voxelMean})
 */
public record SimulatedVolumes(SimulatedSeries truth, HeadAnatomy anatomy, long seed, int voxelSamples) {

    /** Writes volume v (x-fastest, signal units) into {@code out[offset .. offset + voxels)}. */
    public void render(int v, float[] out, int offset) {
        ImageGeometry geometry = truth.geometry();
        GradientScheme scheme = truth.scheme();
        double[] g = scheme.bvecs();
        double[] gHead = new double[3];
        MotionModel.gradientInHeadFrame(truth.motion()[v], g[3 * v], g[3 * v + 1], g[3 * v + 2], gHead);
        PhantomSignal signal = new PhantomSignal(anatomy, TissueClass.WHITE_MATTER, TissueClass.GREY_MATTER,
                TissueClass.CSF);
        fill(signal, geometry, Affines.invert(truth.transform(v)), voxelSamples, scheme.bvals()[v], gHead, out, offset);
        if (truth.sigma() > 0) {
            RicianNoise.addInPlace(out, offset, geometry.numVoxels(), truth.sigma(),
                    new Random(DwiSimulator.deriveSeed(seed, 2, v)));
        }
    }

    /**
     * Fills one volume: out[offset + voxel] = mean signal over the voxel y mapped by movingToFixed.
     *
     * @param movingToFixed world affine from the moved image to the reference head (T⁻¹). Not modified.
     */
    private static void fill(PhantomSignal signal, ImageGeometry geometry, double[] movingToFixed, int samples,
                             double b, double[] gHead, float[] out, int offset) {
        double[] m = Affines.multiply(movingToFixed, geometry.voxelToWorld(), null);
        int nx = geometry.nx(), ny = geometry.ny(), nz = geometry.nz();
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    out[offset + i + nx * (j + ny * k)] = (float) signal.voxelMean(m, i, j, k, samples, b, gHead[0],
                            gHead[1], gHead[2]);
                }
            }
        }
    }
}
