package org.dwimotion.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaussianSmoothingOpsTest {
    @Test
    void impulseResponseHasTheRequestedWidthInMillimetres() {
        ImageGeometry g = ImageGeometry.ofSpacing(41, 31, 21, 1.5, 2.0, 3.0);
        float[] d = new float[g.numVoxels()];
        d[g.index(20, 15, 10)] = 1;
        double sigma = 4.0;
        Image3D out = GaussianSmoothingOps.smooth(new Image3D(g, d), sigma);
        double sum = 0, vx = 0, vy = 0, vz = 0;
        for (int k = 0; k < 21; k++) {
            for (int j = 0; j < 31; j++) {
                for (int i = 0; i < 41; i++) {
                    double w = out.data()[g.index(i, j, k)];
                    sum += w;
                    vx += w * Math.pow((i - 20) * 1.5, 2);
                    vy += w * Math.pow((j - 15) * 2.0, 2);
                    vz += w * Math.pow((k - 10) * 3.0, 2);
                }
            }
        }
        assertEquals(1, sum, 1e-5);
        // sampled Gaussians: variance within a few % of sigma^2 (coarser axes deviate more)
        assertEquals(sigma * sigma, vx, 0.02 * sigma * sigma);
        assertEquals(sigma * sigma, vy, 0.03 * sigma * sigma);
        assertEquals(sigma * sigma, vz, 0.06 * sigma * sigma);
    }

    @Test
    void constantStaysConstantAndZeroSigmaCopies() {
        ImageGeometry g = ImageGeometry.ofSpacing(5, 4, 3, 1, 1, 1);
        float[] d = new float[g.numVoxels()];
        java.util.Arrays.fill(d, 3f);
        Image3D out = GaussianSmoothingOps.smooth(new Image3D(g, d), 2.0);
        for (float v : out.data()) {
            assertEquals(3f, v, 1e-5);
        }
        Image3D same = GaussianSmoothingOps.smooth(new Image3D(g, d), 0);
        assertEquals(3f, same.data()[7]);
        assertThrows(IllegalArgumentException.class, () -> GaussianSmoothingOps.smooth(new Image3D(g, d), -1));
    }

    /**
     * The row-wise loops give exactly (bit for bit) the plain definition: per axis x, y, z in turn, each voxel the
     * sum over taps -r..r from 0 of tap × the border-replicated neighbour, in double, stored as float at the end.
     * Sizes include axes shorter than the kernel and of one voxel.
     */
    @Test
    void equalsThePlainPerVoxelSumBitForBit() {
        int[][] sizes = {{23, 17, 13}, {5, 40, 3}, {31, 1, 9}, {2, 3, 30}, {1, 9, 7}};
        java.util.Random rnd = new java.util.Random(3);
        for (int[] n : sizes) {
            ImageGeometry g = ImageGeometry.ofSpacing(n[0], n[1], n[2], 1.5, 2.0, 2.5);
            float[] d = new float[g.numVoxels()];
            for (int v = 0; v < d.length; v++) {
                d[v] = 100 * rnd.nextFloat() - 20;
            }
            for (double sigma : new double[] {0.9, 3.0, 8.0}) {
                float[] got = GaussianSmoothingOps.smooth(new Image3D(g, d), sigma).data();
                float[] want = plainSmooth(d, n, new double[] {1.5, 2.0, 2.5}, sigma);
                for (int v = 0; v < d.length; v++) {
                    assertEquals(Float.floatToIntBits(want[v]), Float.floatToIntBits(got[v]),
                            java.util.Arrays.toString(n) + " sigma " + sigma + " voxel " + v);
                }
            }
        }
    }

    /**
     * The workspace overload gives the same bits as the plain call whatever the workspace held before (a registration
     * passes the one it smoothed the previous image in) and ignores one of another length.
     */
    @Test
    void workspaceOverloadIsBitIdenticalWithAReusedOrMisfitWorkspace() {
        ImageGeometry g = ImageGeometry.ofSpacing(11, 9, 7, 2, 2, 2);
        float[] d = new float[g.numVoxels()];
        java.util.Random rnd = new java.util.Random(4);
        for (int v = 0; v < d.length; v++) {
            d[v] = 50 * rnd.nextFloat();
        }
        Image3D image = new Image3D(g, d);
        float[] want = GaussianSmoothingOps.smooth(image, 3.0).data();
        double[] dirty = new double[d.length];
        java.util.Arrays.fill(dirty, 1e6);
        for (double[] work : new double[][] {dirty, dirty, new double[3]}) {
            float[] got = GaussianSmoothingOps.smooth(image, 3.0, work).data();
            for (int v = 0; v < d.length; v++) {
                assertEquals(Float.floatToIntBits(want[v]), Float.floatToIntBits(got[v]), "voxel " + v);
            }
        }
    }

    private static float[] plainSmooth(float[] src, int[] n, double[] spacing, double sigmaMm) {
        double[] cur = new double[src.length];
        for (int v = 0; v < src.length; v++) {
            cur[v] = src[v];
        }
        int[] strides = {1, n[0], n[0] * n[1]};
        for (int axis = 0; axis < 3; axis++) {
            double sigmaVox = sigmaMm / spacing[axis];
            if (sigmaVox < 0.01 || n[axis] == 1) {
                continue;
            }
            double[] kernel = GaussianSmoothingOps.kernel(sigmaVox);
            int r = kernel.length / 2;
            double[] next = new double[cur.length];
            for (int k = 0; k < n[2]; k++) {
                for (int j = 0; j < n[1]; j++) {
                    for (int i = 0; i < n[0]; i++) {
                        int[] pos = {i, j, k};
                        int base = i + n[0] * (j + n[1] * k) - pos[axis] * strides[axis];
                        double s = 0;
                        for (int dd = -r; dd <= r; dd++) {
                            int q = Math.max(0, Math.min(n[axis] - 1, pos[axis] + dd));
                            s += kernel[dd + r] * cur[base + q * strides[axis]];
                        }
                        next[i + n[0] * (j + n[1] * k)] = s;
                    }
                }
            }
            cur = next;
        }
        float[] out = new float[cur.length];
        for (int v = 0; v < cur.length; v++) {
            out[v] = (float) cur[v];
        }
        return out;
    }
}
