package org.dwimotion.motion;

import java.util.Arrays;
import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;

/**
 * How far apart two transforms put the same points: {@code |A(x) - B(x)|} in mm over the voxel
 * centres x of a grid (world RAS mm), optionally restricted to a mask. Used to score an estimated
 * transform against the true one (registration tests, the motion simulator).
 */
public final class DisplacementError {
    private DisplacementError() {
    }

    /**
     * @param a    4×4 row-major affine, world mm (e.g. estimated fixed → moving). Not modified.
     * @param b    4×4 row-major affine, world mm (e.g. true fixed → moving). Not modified.
     * @param grid the points: voxel centres of this grid
     * @param mask null (all voxels) or an image on {@code grid}, nonzero = included. Not modified.
     * @throws IllegalArgumentException on bad shapes, a mask on another grid, or an empty mask
     */
    public static DisplacementStats between(double[] a, double[] b, ImageGeometry grid, Image3D mask) {
        double[] dist = new double[grid.numVoxels()];
        Sums s = scan(a, b, grid, mask, dist);
        Arrays.sort(dist, 0, s.count);
        double median = (s.count & 1) == 1 ? dist[s.count / 2] : 0.5 * (dist[s.count / 2 - 1] + dist[s.count / 2]);
        return new DisplacementStats(s.sum / s.count, median, s.max, s.count);
    }

    /**
     * The mean of {@link #between}, equal to its {@code mean()} to the bit, without holding or sorting the
     * per-voxel distances (a series' worth of them per iteration, for the job's log, cost ~0.5 s on the driver).
     *
     * @throws IllegalArgumentException as {@link #between}
     */
    public static double meanBetween(double[] a, double[] b, ImageGeometry grid, Image3D mask) {
        Sums s = scan(a, b, grid, mask, null);
        return s.sum / s.count;
    }

    private record Sums(double sum, double max, int count) {
    }

    /** Sum, largest and count of the distances over the (masked) voxels; each distance into {@code dist} if not null. */
    private static Sums scan(double[] a, double[] b, ImageGeometry grid, Image3D mask, double[] dist) {
        if (a == null || a.length != 16 || b == null || b.length != 16) {
            throw new IllegalArgumentException("transforms must hold 16 values (4x4 row-major)");
        }
        if (mask != null && !mask.geometry().sameGrid(grid, 1e-6)) {
            throw new IllegalArgumentException("mask grid " + mask.geometry() + " differs from " + grid);
        }
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        // the displacement A(x) - B(x) is affine in the voxel index: compose once
        double[] d = new double[16];
        double[] v2w = grid.voxelToWorld();
        double[] av = Affines.multiply(a, v2w, null);
        double[] bv = Affines.multiply(b, v2w, null);
        for (int q = 0; q < 12; q++) {
            d[q] = av[q] - bv[q];
        }
        float[] m = mask == null ? null : mask.data();
        int count = 0;
        double sum = 0, max = 0;
        int v = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, v++) {
                    if (m != null && !(m[v] != 0)) {
                        continue;
                    }
                    double dx = d[0] * i + d[1] * j + d[2] * k + d[3];
                    double dy = d[4] * i + d[5] * j + d[6] * k + d[7];
                    double dz = d[8] * i + d[9] * j + d[10] * k + d[11];
                    double e = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    if (dist != null) {
                        dist[count] = e;
                    }
                    count++;
                    sum += e;
                    max = Math.max(max, e);
                }
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the mask selects no voxel");
        }
        return new Sums(sum, max, count);
    }
}
