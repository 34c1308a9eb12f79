package org.dwimotion.sim;

import org.dwimotion.image.Affines;
import org.dwimotion.image.ImageGeometry;

/**
 * Test-only resampling (trilinear, zero outside the grid), used to check the truth transforms.
 * Can give way to the shared {@code org.dwimotion.resample} once that is on main.
 */
final class TrilinearResampling {
    private TrilinearResampling() {
    }

    /** out(y) = source(outputToSource · y) for each voxel y of the output grid (world mm). */
    static void warp(float[] source, ImageGeometry sourceGeometry, double[] outputToSource,
                     ImageGeometry outputGeometry, float[] out) {
        double[] m = Affines.multiply(sourceGeometry.worldToVoxel(),
                Affines.multiply(outputToSource, outputGeometry.voxelToWorld(), null), null);
        int nx = sourceGeometry.nx(), ny = sourceGeometry.ny(), nz = sourceGeometry.nz();
        int ox = outputGeometry.nx(), oy = outputGeometry.ny(), oz = outputGeometry.nz();
        for (int k = 0; k < oz; k++) {
            for (int j = 0; j < oy; j++) {
                for (int i = 0; i < ox; i++) {
                    double x = m[0] * i + m[1] * j + m[2] * k + m[3];
                    double y = m[4] * i + m[5] * j + m[6] * k + m[7];
                    double z = m[8] * i + m[9] * j + m[10] * k + m[11];
                    out[i + ox * (j + oy * k)] = (float) sample(source, nx, ny, nz, x, y, z);
                }
            }
        }
    }

    private static double sample(float[] s, int nx, int ny, int nz, double x, double y, double z) {
        if (x <= -1 || y <= -1 || z <= -1 || x >= nx || y >= ny || z >= nz) {
            return 0;
        }
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y), z0 = (int) Math.floor(z);
        double fx = x - x0, fy = y - y0, fz = z - z0;
        double v = 0;
        for (int dz = 0; dz <= 1; dz++) {
            int zz = z0 + dz;
            if (zz < 0 || zz >= nz) {
                continue;
            }
            double wz = dz == 0 ? 1 - fz : fz;
            for (int dy = 0; dy <= 1; dy++) {
                int yy = y0 + dy;
                if (yy < 0 || yy >= ny) {
                    continue;
                }
                double wy = dy == 0 ? 1 - fy : fy;
                for (int dx = 0; dx <= 1; dx++) {
                    int xx = x0 + dx;
                    if (xx < 0 || xx >= nx) {
                        continue;
                    }
                    double wx = dx == 0 ? 1 - fx : fx;
                    v += wx * wy * wz * s[xx + nx * (yy + ny * zz)];
                }
            }
        }
        return v;
    }
}
