package org.dwimotion.registration.metric;

import java.util.SplittableRandom;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;

/**
 * The points where a metric compares the images: voxel centres of the (smoothed) fixed image on a
 * regular sub-grid, inside the fixed mask, with the fixed value and its world gradient there.
 *
 * <p>Because the samples never move (they live on the fixed grid), everything the inverse
 * compositional Gauss–Newton needs from the fixed image is computed once per level here.
 *
 * @param count     number of samples N
 * @param points    3N world RAS mm, {@code (x, y, z)} of sample s at {@code 3s}
 * @param values    N fixed intensities
 * @param gradients 3N world gradient of the fixed image (intensity per mm), central differences
 *                  on the voxel grid (one-sided at the border) mapped through the world-to-voxel
 *                  3×3 block
 * @param lower     3 values: world bounding box minimum of the points (mm)
 * @param upper     3 values: world bounding box maximum of the points (mm)
 */
public record FixedImageSamples(int count, double[] points, double[] values, double[] gradients,
                                double[] lower, double[] upper) {

    /**
     * Samples every {@code stride}-th voxel along each axis (starting so that the sub-grid is
     * centred), keeps those inside the mask, and, when {@code fraction < 1}, a seeded random
     * subset of them in grid order.
     *
     * @param fixed    fixed image, already smoothed for this level. Not modified.
     * @param mask     same grid as {@code fixed}, nonzero = inside; null means every voxel. Not modified.
     * @param stride   3 values ≥ 1, voxel step per axis. Not modified.
     * @param fraction in (0, 1]: probability that a candidate voxel is kept
     * @param seed     seed of the subset choice (unused when fraction is 1)
     */
    public static FixedImageSamples onGrid(Image3D fixed, Image3D mask, int[] stride, double fraction, long seed) {
        ImageGeometry g = fixed.geometry();
        if (mask != null && !mask.geometry().sameGrid(g, 1e-6)) {
            throw new IllegalArgumentException("mask grid " + mask.geometry() + " differs from the fixed grid " + g);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("sampling fraction must be in (0, 1], got " + fraction);
        }
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        int sx = stride[0], sy = stride[1], sz = stride[2];
        int ox = ((nx - 1) % sx) / 2, oy = ((ny - 1) % sy) / 2, oz = ((nz - 1) % sz) / 2;
        float[] f = fixed.data();
        float[] m = mask == null ? null : mask.data();
        SplittableRandom random = new SplittableRandom(seed);
        int capacity = ((nx - ox + sx - 1) / sx) * ((ny - oy + sy - 1) / sy) * ((nz - oz + sz - 1) / sz);
        int[] chosen = new int[capacity];
        int count = 0;
        for (int k = oz; k < nz; k += sz) {
            for (int j = oy; j < ny; j += sy) {
                for (int i = ox; i < nx; i += sx) {
                    int v = i + nx * (j + ny * k);
                    if (m != null && !(m[v] != 0)) {
                        continue;
                    }
                    if (fraction < 1 && random.nextDouble() >= fraction) {
                        continue;
                    }
                    chosen[count++] = v;
                }
            }
        }
        double[] points = new double[3 * count];
        double[] values = new double[count];
        double[] gradients = new double[3 * count];
        double[] w2v = g.worldToVoxel();
        double[] lower = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] upper = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] p = new double[3];
        int slice = nx * ny;
        for (int s = 0; s < count; s++) {
            int v = chosen[s];
            int i = v % nx, j = (v / nx) % ny, k = v / slice;
            g.indexToWorld(i, j, k, p);
            points[3 * s] = p[0];
            points[3 * s + 1] = p[1];
            points[3 * s + 2] = p[2];
            for (int a = 0; a < 3; a++) {
                lower[a] = Math.min(lower[a], p[a]);
                upper[a] = Math.max(upper[a], p[a]);
            }
            values[s] = f[v];
            double gi = difference(f, v, i, nx, 1);
            double gj = difference(f, v, j, ny, nx);
            double gk = difference(f, v, k, nz, slice);
            // d/dworld = (d index / d world)^T d/dindex
            for (int w = 0; w < 3; w++) {
                gradients[3 * s + w] = w2v[w] * gi + w2v[4 + w] * gj + w2v[8 + w] * gk;
            }
        }
        if (count == 0) {
            lower = new double[3];
            upper = new double[3];
        }
        return new FixedImageSamples(count, points, values, gradients, lower, upper);
    }

    /** Derivative per voxel along one axis: central inside, one-sided at the ends, 0 for n = 1. */
    private static double difference(float[] f, int v, int i, int n, int stride) {
        if (n == 1) {
            return 0;
        }
        if (i == 0) {
            return f[v + stride] - f[v];
        }
        if (i == n - 1) {
            return f[v] - f[v - stride];
        }
        return 0.5 * (f[v + stride] - f[v - stride]);
    }

    /** Population variance of the sample values (0 when there are fewer than 2). */
    public double valueVariance() {
        if (count < 2) {
            return 0;
        }
        double mean = 0;
        for (int s = 0; s < count; s++) {
            mean += values[s];
        }
        mean /= count;
        double ss = 0;
        for (int s = 0; s < count; s++) {
            double d = values[s] - mean;
            ss += d * d;
        }
        return ss / count;
    }

    /** The 8 corners of the bounding box, 24 values {@code (x, y, z)} each. */
    public double[] boxCorners() {
        double[] c = new double[24];
        for (int q = 0; q < 8; q++) {
            c[3 * q] = (q & 1) == 0 ? lower[0] : upper[0];
            c[3 * q + 1] = (q & 2) == 0 ? lower[1] : upper[1];
            c[3 * q + 2] = (q & 4) == 0 ? lower[2] : upper[2];
        }
        return c;
    }
}
