package org.dwimotion.motion;

import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;

/**
 * Root-mean-square displacement of the voxels of a mask between two transforms, as FSL eddy's movement RMS:
 * {@code sqrt(mean over mask voxel centres x of |A(x) − B(x)|²)} in mm (world RAS).
 *
 * <p>For each volume, "relative to the reference" compares its transform with the identity, "relative to the
 * previous volume" with the previous volume's transform (0 for the first volume). The displacement
 * {@code d(x) = M·x + b} is affine in x, so its mean square is exact from the mask's first and second moments
 * (computed once): {@code E|Mx + b|² = tr(M·S·Mᵀ) + 2·bᵀ·M·μ + |b|²}, with μ = E[x] and S = E[x·xᵀ].
 * Coordinates are taken relative to the mask centroid to keep the sums well conditioned.
 */
public final class RmsDisplacement {
    private final double[] mean = new double[3];
    /** Second central moment E[(x−μ)(x−μ)ᵀ], 3×3 row-major. */
    private final double[] covariance = new double[9];

    /**
     * @param grid the reference grid
     * @param mask null (all voxels) or an image on {@code grid}, nonzero = included. Not modified.
     * @throws IllegalArgumentException for a mask on another grid or an empty mask
     */
    public RmsDisplacement(ImageGeometry grid, Image3D mask) {
        if (mask != null && !mask.geometry().sameGrid(grid, 1e-6)) {
            throw new IllegalArgumentException("mask grid " + mask.geometry() + " differs from " + grid);
        }
        float[] m = mask == null ? null : mask.data();
        double[] p = new double[3];
        double[] sum = new double[3];
        double[] sum2 = new double[9];
        long count = 0;
        int v = 0;
        // sums about the grid centre, not the world origin, keep the second moments well conditioned
        double[] c = grid.fieldOfViewCentre();
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++, v++) {
                    if (m != null && !(m[v] != 0)) {
                        continue;
                    }
                    grid.indexToWorld(i, j, k, p);
                    for (int a = 0; a < 3; a++) {
                        double da = p[a] - c[a];
                        sum[a] += da;
                        for (int b = 0; b < 3; b++) {
                            sum2[3 * a + b] += da * (p[b] - c[b]);
                        }
                    }
                    count++;
                }
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the mask selects no voxel");
        }
        for (int a = 0; a < 3; a++) {
            mean[a] = sum[a] / count;
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                covariance[3 * a + b] = sum2[3 * a + b] / count - mean[a] * mean[b];
            }
            mean[a] += c[a];
        }
    }

    /**
     * RMS of {@code |a(x) − b(x)|} over the mask, mm.
     *
     * @param a,b 4×4 row-major affines, world RAS mm. Not modified.
     */
    public double between(double[] a, double[] b) {
        // d(x) = M (x − μ) + d(μ)
        double[] dm = new double[3];
        for (int r = 0; r < 3; r++) {
            double s = 0;
            for (int k = 0; k < 3; k++) {
                s += (a[4 * r + k] - b[4 * r + k]) * mean[k];
            }
            dm[r] = s + a[4 * r + 3] - b[4 * r + 3];
        }
        double ms = dm[0] * dm[0] + dm[1] * dm[1] + dm[2] * dm[2];
        for (int r = 0; r < 3; r++) {
            for (int p = 0; p < 3; p++) {
                double mrp = a[4 * r + p] - b[4 * r + p];
                for (int q = 0; q < 3; q++) {
                    ms += mrp * covariance[3 * p + q] * (a[4 * r + q] - b[4 * r + q]);
                }
            }
        }
        return Math.sqrt(Math.max(0, ms));
    }

    /**
     * Per volume, relative to the reference (identity) and to the previous volume.
     *
     * @param transforms N×16 row-major, flattened. Not modified.
     * @return {@code [N values relative to the reference, N values relative to the previous volume]}; the
     *         first volume's "previous" value is 0
     */
    public double[][] series(double[] transforms) {
        int n = transforms.length / 16;
        double[] ref = new double[n];
        double[] prev = new double[n];
        double[] id = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        double[] cur = new double[16];
        double[] last = new double[16];
        for (int v = 0; v < n; v++) {
            System.arraycopy(transforms, 16 * v, cur, 0, 16);
            ref[v] = between(cur, id);
            prev[v] = v == 0 ? 0 : between(cur, last);
            System.arraycopy(cur, 0, last, 0, 16);
        }
        return new double[][] {ref, prev};
    }
}
