package org.dwimotion.sim;

import org.dwimotion.image.ImageGeometry;

/**
 * A simulated diffusion series with its ground truth.
 *
 * @param geometry   the grid of every volume (axis-aligned, FOV centre at world (0, 0, 0))
 * @param data       4-D samples, volume-major: {@code data[voxel + nVox * volume]}, voxel x-fastest; null in the
 *                   truth of {@link SimulatedVolumes}, whose volumes are rendered on demand
 * @param scheme     b-values and <em>scanner-frame</em> (world RAS) unit gradients, in volume order
 * @param motion     rigid head motion of each volume (volume 0 = identity), see {@link MotionModel}
 * @param spike      whether each volume is a sudden-motion spike
 * @param eddy       eddy coefficients per volume, row-major N×3 (y displacement per mm of x, y, z)
 * @param transforms truth transform of each volume, N×16 row-major: "fixed → moving" world RAS mm,
 *                   the reference (volume 0) point x is found at T·x in volume v (motion then eddy)
 * @param centre     centre of rotation (FOV centre), world RAS mm
 * @param phantom    the reference-frame truth (S0, D, W, mask)
 * @param sigma      noise σ of each Gaussian component (0 when noise-free)
 */
public record SimulatedSeries(ImageGeometry geometry, float[] data, GradientScheme scheme, RigidMotion[] motion,
                              boolean[] spike, double[] eddy, double[] transforms, double[] centre,
                              DkiPhantom phantom, double sigma) {

    public int volumes() {
        return scheme.size();
    }

    /** The truth transform of volume v (a copy), 4×4 row-major. */
    public double[] transform(int v) {
        double[] t = new double[16];
        System.arraycopy(transforms, 16 * v, t, 0, 16);
        return t;
    }

    /** Volume v's samples (a copy), x-fastest. */
    public float[] volume(int v) {
        int n = geometry.numVoxels();
        float[] out = new float[n];
        System.arraycopy(data, n * v, out, 0, n);
        return out;
    }
}
