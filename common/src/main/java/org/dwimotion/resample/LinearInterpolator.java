package org.dwimotion.resample;

import org.dwimotion.image.Image3D;

/**
 * Trilinear interpolation with border replication. Stateless apart from the shared image, but
 * still copied per thread like every {@link Interpolator}.
 */
public final class LinearInterpolator extends Interpolator {
    private final float[] data;
    private final int sliceSize;

    public LinearInterpolator(Image3D image) {
        super(image);
        this.data = image.data();
        this.sliceSize = nx * ny;
    }

    private LinearInterpolator(LinearInterpolator other) {
        super(other);
        this.data = other.data;
        this.sliceSize = other.sliceSize;
    }

    @Override
    public double evaluateAtContinuousIndex(double ci, double cj, double ck) {
        double x = ci < 0 ? 0 : (ci > nx - 1 ? nx - 1 : ci);
        double y = cj < 0 ? 0 : (cj > ny - 1 ? ny - 1 : cj);
        double z = ck < 0 ? 0 : (ck > nz - 1 ? nz - 1 : ck);
        int i0 = (int) x;
        int j0 = (int) y;
        int k0 = (int) z;
        double tx = x - i0;
        double ty = y - j0;
        double tz = z - k0;
        int di = i0 < nx - 1 ? 1 : 0;
        int dj = j0 < ny - 1 ? nx : 0;
        int dk = k0 < nz - 1 ? sliceSize : 0;
        int p = i0 + nx * j0 + sliceSize * k0;
        double c00 = data[p] + tx * (data[p + di] - data[p]);
        double c10 = data[p + dj] + tx * (data[p + dj + di] - data[p + dj]);
        double c01 = data[p + dk] + tx * (data[p + dk + di] - data[p + dk]);
        double c11 = data[p + dk + dj] + tx * (data[p + dk + dj + di] - data[p + dk + dj]);
        double c0 = c00 + ty * (c10 - c00);
        double c1 = c01 + ty * (c11 - c01);
        return c0 + tz * (c1 - c0);
    }

    @Override
    public LinearInterpolator copy() {
        return new LinearInterpolator(this);
    }
}
