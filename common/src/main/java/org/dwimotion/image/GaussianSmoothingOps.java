package org.dwimotion.image;

import java.util.Arrays;

/**
 * Separable Gaussian smoothing of a 3-D image, with the width given in millimetres.
 *
 * <p>Units: sigma in world mm; it is converted to voxels per grid axis with the axis spacing
 * ({@link ImageGeometry#spacing()}), so anisotropic voxels get the same physical blur. The kernel is
 * sampled at integer offsets, truncated at {@value #TRUNCATION} sigma and normalised to sum 1.
 * Borders are extended by replication (zero-flux), so a constant image stays constant.
 * Arithmetic is in double; the result is stored as float like the input.
 */
public final class GaussianSmoothingOps {
    /** Kernel half-width in units of sigma. */
    public static final double TRUNCATION = 4.0;

    private GaussianSmoothingOps() {
    }

    /**
     * Smooths {@code image} with an isotropic Gaussian of standard deviation {@code sigmaMm}.
     * A sigma of zero (or below a hundredth of a voxel) returns a copy of the data.
     *
     * @param sigmaMm standard deviation in mm, finite and ≥ 0
     * @return a new image on the same geometry; the input is not modified
     */
    public static Image3D smooth(Image3D image, double sigmaMm) {
        return smooth(image, sigmaMm, null);
    }

    /**
     * {@link #smooth(Image3D, double)} with a caller's double workspace (reused across calls: a registration smooths
     * two whole volumes per pyramid level, and these short-lived arrays were most of its allocation, hence of the
     * collector's stop-the-world time on a busy executor). Results are the same bit for bit.
     *
     * @param work null, or as long as the image (its contents are overwritten; not kept); another length is ignored
     */
    public static Image3D smooth(Image3D image, double sigmaMm, double[] work) {
        if (!(sigmaMm >= 0) || Double.isInfinite(sigmaMm)) {
            throw new IllegalArgumentException("smoothing sigma must be finite and >= 0 mm, got " + sigmaMm);
        }
        ImageGeometry g = image.geometry();
        int[] n = {g.nx(), g.ny(), g.nz()};
        double[] spacing = g.spacing();
        float[] src = image.data();
        if (work == null || work.length != src.length) {
            work = new double[src.length];
        }
        for (int v = 0; v < src.length; v++) {
            work[v] = src[v];
        }
        int[] strides = {1, n[0], n[0] * n[1]};
        for (int axis = 0; axis < 3; axis++) {
            double sigmaVox = sigmaMm / spacing[axis];
            if (sigmaVox < 0.01 || n[axis] == 1) {
                continue;
            }
            double[] kernel = kernel(sigmaVox);
            if (axis == 0) {
                smoothRows(work, n, kernel);
            } else {
                smoothAcrossRows(work, n, strides, axis, kernel);
            }
        }
        float[] result = new float[work.length];
        for (int v = 0; v < work.length; v++) {
            result[v] = (float) work[v];
        }
        return new Image3D(g, result);
    }

    /** Normalised samples of a Gaussian at offsets -r..r, r = ceil(TRUNCATION * sigma). */
    static double[] kernel(double sigmaVox) {
        int r = (int) Math.ceil(TRUNCATION * sigmaVox);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int d = -r; d <= r; d++) {
            double w = Math.exp(-0.5 * d * d / (sigmaVox * sigmaVox));
            k[d + r] = w;
            sum += w;
        }
        for (int d = 0; d < k.length; d++) {
            k[d] /= sum;
        }
        return k;
    }

    /*
     * Every output value is the sum over the kernel taps in the order -r..r, starting from 0, of tap × input
     * (the border replicated): the two loops below differ only in how they walk memory, so their results are the
     * same bit for bit (Java's floating point is strict; GaussianSmoothingOpsTest checks it against the plain
     * per-voxel sum). Why two: along x a line is contiguous; along y and z, a line's neighbours in x are, so
     * whole rows are accumulated at once instead of gathering each line with a stride (cache-hostile: the
     * smoothing of the registration's pyramid was a quarter of a run's CPU time).
     */

    /**
     * Convolves every line along x in place: each line is copied into a buffer padded by r replicated samples at
     * each end (what clamping the tap index reads), then the taps are applied tap-major, so that every out[t] adds
     * its taps in the order -r..r and the inner loop is an axpy the JIT vectorises (a per-voxel dot product is a
     * strict-order reduction it cannot).
     */
    private static void smoothRows(double[] data, int[] n, double[] kernel) {
        int len = n[0];
        int r = kernel.length / 2;
        double[] padded = new double[len + 2 * r];
        double[] out = new double[len];
        for (int base = 0; base < data.length; base += len) {
            Arrays.fill(padded, 0, r, data[base]);
            System.arraycopy(data, base, padded, r, len);
            Arrays.fill(padded, r + len, len + 2 * r, data[base + len - 1]);
            Arrays.fill(out, 0.0);
            for (int d = 0; d < kernel.length; d++) {
                double k = kernel[d];
                for (int t = 0; t < len; t++) {
                    out[t] += k * padded[t + d];
                }
            }
            System.arraycopy(out, 0, data, base, len);
        }
    }

    /**
     * Convolves every line along {@code axis} (1 or 2) in place, a slab of lines at a time: the lines that share
     * all coordinates but x are accumulated together, one contiguous row of x per tap.
     *
     * @param data x-fastest volume of size n[0]*n[1]*n[2]. Modified.
     */
    private static void smoothAcrossRows(double[] data, int[] n, int[] strides, int axis, double[] kernel) {
        int nx = n[0];
        int len = n[axis];
        int stride = strides[axis];
        int other = axis == 2 ? 1 : 2;
        int r = kernel.length / 2;
        double[] acc = new double[len * nx];
        for (int u = 0; u < n[other]; u++) {
            int base = u * strides[other];
            Arrays.fill(acc, 0.0);
            for (int t = 0; t < len; t++) {
                int o = t * nx;
                for (int d = -r; d <= r; d++) {
                    int q = t + d;
                    q = q < 0 ? 0 : (q >= len ? len - 1 : q);
                    double k = kernel[d + r];
                    int src = base + q * stride;
                    for (int w = 0; w < nx; w++) {
                        acc[o + w] += k * data[src + w];
                    }
                }
            }
            for (int t = 0; t < len; t++) {
                System.arraycopy(acc, t * nx, data, base + t * stride, nx);
            }
        }
    }
}
