package org.dwimotion.registration;

import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;

/**
 * Analytic test images: a smooth, asymmetric "head" made of anisotropic Gaussian blobs, sampled
 * exactly (no interpolation) on any grid, optionally through a transform.
 */
public final class SyntheticImages {
    /** Blob centres (mm), widths (mm) and amplitudes, chosen so no rotation is a symmetry. */
    private static final double[][] BLOBS = {
            // cx, cy, cz, sx, sy, sz, amplitude
            {0, 0, 0, 14, 17, 12, 600},
            {12, 8, -4, 8, 6, 10, 400},
            {-14, -6, 6, 6, 9, 5, -250},
            {4, -18, 10, 5, 5, 7, 300},
            {-6, 16, -12, 7, 4, 6, 350},
    };

    private SyntheticImages() {
    }

    /** Value of the analytic image at world point (x, y, z). */
    public static double value(double x, double y, double z) {
        double s = 50;
        for (double[] b : BLOBS) {
            double dx = (x - b[0]) / b[3], dy = (y - b[1]) / b[4], dz = (z - b[2]) / b[5];
            s += b[6] * Math.exp(-0.5 * (dx * dx + dy * dy + dz * dz));
        }
        return s;
    }

    /**
     * Samples {@code image(T^-1(y))} at the voxel centres y of {@code grid}: the analytic image
     * moved by T, so that registering the result (moving) to the unmoved image (fixed) should give
     * the fixed → moving transform T.
     *
     * @param fixedToMoving 4×4 row-major T, or null for the identity. Not modified.
     */
    public static Image3D sample(ImageGeometry grid, double[] fixedToMoving) {
        double[] inv = fixedToMoving == null ? Affines.identity() : Affines.invert(fixedToMoving);
        double[] w = new double[3];
        double[] p = new double[3];
        float[] data = new float[grid.numVoxels()];
        int v = 0;
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++, v++) {
                    grid.indexToWorld(i, j, k, w);
                    Affines.apply(inv, w[0], w[1], w[2], p);
                    data[v] = (float) value(p[0], p[1], p[2]);
                }
            }
        }
        return new Image3D(grid, data);
    }

    /** A 32×36×30 grid of 3 mm voxels, slightly oblique, centred near the world origin. */
    public static ImageGeometry obliqueGrid() {
        double c = Math.cos(0.1), s = Math.sin(0.1);
        double[] v2w = {
                3 * c, -3 * s, 0, 0,
                3 * s, 3 * c, 0, 0,
                0, 0, 3, 0,
                0, 0, 0, 1};
        ImageGeometry g0 = new ImageGeometry(32, 36, 30, v2w);
        double[] centre = g0.fieldOfViewCentre();
        v2w[3] = -centre[0];
        v2w[7] = -centre[1];
        v2w[11] = -centre[2];
        return new ImageGeometry(32, 36, 30, v2w);
    }

    /** A mask of the voxels where the analytic image exceeds {@code threshold}. */
    public static Image3D mask(ImageGeometry grid, double threshold) {
        Image3D img = sample(grid, null);
        float[] m = new float[img.data().length];
        for (int v = 0; v < m.length; v++) {
            m[v] = img.data()[v] > threshold ? 1 : 0;
        }
        return new Image3D(grid, m);
    }
}
