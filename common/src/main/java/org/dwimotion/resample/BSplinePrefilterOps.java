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
        int maxN = Math.max(nx, Math.max(ny, nz));
        double[] line = new double[maxN];
        int[] n = {nx, ny, nz};
        int[] strides = {1, nx, nx * ny};
        for (int axis = 0; axis < 3; axis++) {
            int len = n[axis];
            if (len == 1) {
                continue;
            }
            int stride = strides[axis];
            int a1 = axis == 0 ? 1 : 0;
            int a2 = axis == 2 ? 1 : 2;
            for (int u = 0; u < n[a2]; u++) {
                for (int w = 0; w < n[a1]; w++) {
                    int base = u * strides[a2] + w * strides[a1];
                    for (int t = 0; t < len; t++) {
                        line[t] = data[base + t * stride];
                    }
                    prefilterLine(line, len);
                    for (int t = 0; t < len; t++) {
                        data[base + t * stride] = line[t];
                    }
                }
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
