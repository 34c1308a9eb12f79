package org.dwimotion.resample;

/**
 * Cubic B-spline prefilter: turns samples into coefficients c such that
 * {@code sum_k c[k] * beta3(x - k)} interpolates the samples at integer x.
 *
 * <p>Method: the exact inverse of the sampled cubic B-spline kernel (1/6, 4/6, 1/6) factored into
 * a causal and an anti-causal first-order recursive filter with pole {@code z = sqrt(3) - 2}
 * (Unser, Aldroubi &amp; Eden 1993; Thévenaz, Blu &amp; Unser 2000). The boundary is
 * whole-sample mirror symmetric ({@code s[-k] = s[k]}, {@code s[n-1+k] = s[n-1-k]}), the same
 * extension {@link BSplineInterpolator} uses for coefficient indices, and the causal initial value
 * is summed exactly over one period of that extension, so short lines are exact too.
 */
public final class BSplinePrefilterOps {
    /** The cubic B-spline pole. */
    public static final double POLE = Math.sqrt(3.0) - 2.0;

    private BSplinePrefilterOps() {
    }

    /**
     * Prefilters a 3-D volume in place along x, y and z.
     *
     * @param data x-fastest volume {@code i + nx*(j + ny*k)}, samples on input, coefficients on
     *             output. Modified.
     */
    public static void prefilter3d(double[] data, int nx, int ny, int nz) {
        if (data.length != nx * ny * nz) {
            throw new IllegalArgumentException("data length " + data.length + " != " + nx + "*" + ny + "*" + nz);
        }
        if (nx > 1) {
            double[] line = new double[nx];
            for (int base = 0; base < data.length; base += nx) {
                System.arraycopy(data, base, line, 0, nx);
                prefilterLine(line, nx);
                System.arraycopy(line, 0, data, base, nx);
            }
        }
        if (ny > 1) {
            for (int k = 0; k < nz; k++) {
                prefilterRows(data, k * nx * ny, nx, ny, nx);
            }
        }
        if (nz > 1) {
            for (int j = 0; j < ny; j++) {
                prefilterRows(data, j * nx, nx, nz, nx * ny);
            }
        }
    }

    /**
     * {@link #prefilterLine} applied to the {@code width} lines that start at {@code base + w} (w &lt; width) and run
     * with {@code stride} over {@code n} samples, all at once: each step of the line filter is done for a whole
     * contiguous row of x, so every value goes through the same operations in the same order as
     * {@link #prefilterLine} (bit for bit; {@code BSplinePrefilterOpsTest}) while memory is read row by row instead
     * of one strided sample at a time (the y and z passes were most of the prefilter's time).
     */
    private static void prefilterRows(double[] data, int base, int width, int n, int stride) {
        double z = POLE;
        double gain = (1.0 - z) * (1.0 - 1.0 / z);
        for (int k = 0; k < n; k++) {
            int r = base + k * stride;
            for (int w = 0; w < width; w++) {
                data[r + w] *= gain;
            }
        }
        int period = 2 * n - 2;
        double[] sum = new double[width];
        double zj = 1.0;
        for (int j = 0; j < period; j++) {
            int r = base + (j < n ? j : period - j) * stride;
            for (int w = 0; w < width; w++) {
                sum[w] += zj * data[r + w];
            }
            zj *= z;
        }
        double norm = 1.0 - zj;
        for (int w = 0; w < width; w++) {
            data[base + w] = sum[w] / norm;
        }
        for (int k = 1; k < n; k++) {
            int r = base + k * stride;
            int p = r - stride;
            for (int w = 0; w < width; w++) {
                data[r + w] += z * data[p + w];
            }
        }
        double last = z / (z * z - 1.0);
        int rl = base + (n - 1) * stride;
        int rp = rl - stride;
        for (int w = 0; w < width; w++) {
            data[rl + w] = last * (data[rl + w] + z * data[rp + w]);
        }
        for (int k = n - 2; k >= 0; k--) {
            int r = base + k * stride;
            int q = r + stride;
            for (int w = 0; w < width; w++) {
                data[r + w] = z * (data[q + w] - data[r + w]);
            }
        }
    }

    /**
     * Prefilters one line in place (raw kernel, no checks).
     *
     * @param c samples in [0, n), replaced by coefficients. Modified.
     * @param n number of samples, ≥ 1
     */
    static void prefilterLine(double[] c, int n) {
        if (n == 1) {
            return;
        }
        double z = POLE;
        double gain = (1.0 - z) * (1.0 - 1.0 / z);
        for (int k = 0; k < n; k++) {
            c[k] *= gain;
        }
        // causal initial value: sum_{j>=0} z^j s(-j) over the mirror extension, one period 2n-2
        int period = 2 * n - 2;
        double zj = 1.0;
        double sum = 0.0;
        for (int j = 0; j < period; j++) {
            int q = j < n ? j : period - j;
            sum += zj * c[q];
            zj *= z;
        }
        c[0] = sum / (1.0 - zj);
        for (int k = 1; k < n; k++) {
            c[k] += z * c[k - 1];
        }
        c[n - 1] = (z / (z * z - 1.0)) * (c[n - 1] + z * c[n - 2]);
        for (int k = n - 2; k >= 0; k--) {
            c[k] = z * (c[k + 1] - c[k]);
        }
    }
}
