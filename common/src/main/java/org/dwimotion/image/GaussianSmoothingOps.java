package org.dwimotion.image;

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
        if (!(sigmaMm >= 0) || Double.isInfinite(sigmaMm)) {
            throw new IllegalArgumentException("smoothing sigma must be finite and >= 0 mm, got " + sigmaMm);
        }
        ImageGeometry g = image.geometry();
        int[] n = {g.nx(), g.ny(), g.nz()};
        double[] spacing = g.spacing();
        double[] work = new double[image.data().length];
        float[] src = image.data();
        for (int v = 0; v < work.length; v++) {
            work[v] = src[v];
        }
        int maxN = Math.max(n[0], Math.max(n[1], n[2]));
        double[] line = new double[maxN];
        double[] out = new double[maxN];
        int[] strides = {1, n[0], n[0] * n[1]};
        for (int axis = 0; axis < 3; axis++) {
            double sigmaVox = sigmaMm / spacing[axis];
            if (sigmaVox < 0.01 || n[axis] == 1) {
                continue;
            }
            double[] kernel = kernel(sigmaVox);
            smoothAxis(work, n, strides, axis, kernel, line, out);
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

    /**
     * Convolves every line along {@code axis} in place.
     *
     * @param data   x-fastest volume of size n[0]*n[1]*n[2]. Modified.
     * @param line   workspace of length ≥ n[axis]
     * @param out    workspace of length ≥ n[axis]
     */
    private static void smoothAxis(double[] data, int[] n, int[] strides, int axis, double[] kernel,
                                   double[] line, double[] out) {
        int len = n[axis];
        int stride = strides[axis];
        int r = kernel.length / 2;
        int a1 = axis == 0 ? 1 : 0;
        int a2 = axis == 2 ? 1 : 2;
        for (int u = 0; u < n[a2]; u++) {
            for (int w = 0; w < n[a1]; w++) {
                int base = u * strides[a2] + w * strides[a1];
                for (int t = 0; t < len; t++) {
                    line[t] = data[base + t * stride];
                }
                for (int t = 0; t < len; t++) {
                    double s = 0;
                    for (int d = -r; d <= r; d++) {
                        int q = t + d;
                        q = q < 0 ? 0 : (q >= len ? len - 1 : q);
                        s += kernel[d + r] * line[q];
                    }
                    out[t] = s;
                }
                for (int t = 0; t < len; t++) {
                    data[base + t * stride] = out[t];
                }
            }
        }
    }
}
