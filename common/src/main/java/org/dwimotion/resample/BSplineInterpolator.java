package org.dwimotion.resample;

import org.dwimotion.image.Image3D;

/**
 * Cubic B-spline interpolation (interpolating: returns the samples at voxel centres).
 *
 * <p>Coefficients come from {@link BSplinePrefilterOps} once, at construction, and are shared by
 * {@link #copy()}s. Coefficient indices beyond the grid are mirrored (whole-sample symmetric), as in
 * the prefilter. Each instance keeps 4×3 weights and indices as workspace, hence one per thread.
 */
public final class BSplineInterpolator extends Interpolator {
    private final double[] coefficients;
    private final int sliceSize;
    private final double[] wx = new double[4], wy = new double[4], wz = new double[4];
    private final int[] ix = new int[4], iy = new int[4], iz = new int[4];

    public BSplineInterpolator(Image3D image) {
        this(image, null);
    }

    /**
     * @param coefficients null, or an array as long as the image that becomes this interpolator's coefficients
     *                     (overwritten; the caller must not touch it while this interpolator or a copy is in use):
     *                     lets a registration reuse one array across its pyramid levels. Another length is ignored.
     */
    public BSplineInterpolator(Image3D image, double[] coefficients) {
        super(image);
        float[] src = image.data();
        double[] c = coefficients != null && coefficients.length == src.length ? coefficients : new double[src.length];
        for (int v = 0; v < c.length; v++) {
            c[v] = src[v];
        }
        BSplinePrefilterOps.prefilter3d(c, nx, ny, nz);
        this.coefficients = c;
        this.sliceSize = nx * ny;
    }

    private BSplineInterpolator(BSplineInterpolator other) {
        super(other);
        this.coefficients = other.coefficients;
        this.sliceSize = other.sliceSize;
    }

    @Override
    public double evaluateAtContinuousIndex(double ci, double cj, double ck) {
        setup(ci, nx, wx, ix, 1);
        setup(cj, ny, wy, iy, nx);
        setup(ck, nz, wz, iz, sliceSize);
        double s = 0;
        for (int c = 0; c < 4; c++) {
            double sy = 0;
            for (int b = 0; b < 4; b++) {
                int base = iz[c] + iy[b];
                double sx = wx[0] * coefficients[base + ix[0]] + wx[1] * coefficients[base + ix[1]]
                        + wx[2] * coefficients[base + ix[2]] + wx[3] * coefficients[base + ix[3]];
                sy += wy[b] * sx;
            }
            s += wz[c] * sy;
        }
        return s;
    }

    /** Fills the 4 weights and the 4 strided (mirrored) indices along one axis. */
    private static void setup(double x, int n, double[] w, int[] idx, int stride) {
        if (n == 1) {
            w[0] = 1;
            w[1] = w[2] = w[3] = 0;
            idx[0] = idx[1] = idx[2] = idx[3] = 0;
            return;
        }
        // clamp far outside positions so the floor below cannot overflow; mirroring handles the rest
        double xc = x < -1 ? -1 : (x > n ? n : x);
        int f = (int) Math.floor(xc);
        double t = xc - f;
        double t2 = t * t;
        double t3 = t2 * t;
        double u = 1 - t;
        w[0] = u * u * u / 6.0;
        w[1] = (4.0 - 6.0 * t2 + 3.0 * t3) / 6.0;
        w[2] = (1.0 + 3.0 * t + 3.0 * t2 - 3.0 * t3) / 6.0;
        w[3] = t3 / 6.0;
        if (f >= 1 && f + 2 < n) {
            // all four taps inside the grid (nearly every sample): the mirroring below would leave them as they are
            int q = (f - 1) * stride;
            idx[0] = q;
            idx[1] = q + stride;
            idx[2] = q + 2 * stride;
            idx[3] = q + 3 * stride;
            return;
        }
        int period = 2 * n - 2;
        for (int a = 0; a < 4; a++) {
            int q = f - 1 + a;
            q = Math.floorMod(q, period);
            if (q >= n) {
                q = period - q;
            }
            idx[a] = q * stride;
        }
    }

    @Override
    public BSplineInterpolator copy() {
        return new BSplineInterpolator(this);
    }
}
