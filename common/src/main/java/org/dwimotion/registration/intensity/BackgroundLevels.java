package org.dwimotion.registration.intensity;

import java.util.Arrays;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.mask.MaskMorphology;

/**
 * Median intensities of the fixed and the moving image over a shared background region, the input
 * of {@link NoiseFloorModel}.
 *
 * <p>Background: voxels outside the fixed mask dilated by {@link #MARGIN_VOXELS} (6-neighbourhood;
 * the margin covers the head's edge and a few mm of motion) where neither image is exactly 0 (0 is
 * padding: outside a prediction's region, or outside the field of view of a resampled volume).
 * Every second voxel of the region per axis is read, as a Gaussian-weighted mean (sigma 1 voxel)
 * of its 3×3×3 neighbourhood in each image, and the medians of those local means are taken
 * (voxels on the grid border are left out): medians so that structures outside the mask (skull,
 * neck, ghosts) shift them little; local means so that they measure the local mean level, which resampling preserves. (The
 * median of raw Rayleigh noise is 1.18 σ, of smoothed noise nearly its mean 1.25 σ: without the
 * smoothing a once-resampled, noise-free-but-for-the-original-noise moving image looked 11 units
 * "noisier" than its source in the registration benchmark, whose added noise is 35 units; with it,
 * 0 on the 40 clean pairs and 33–35 on the 40 noisy ones.) The moving image is read at the same
 * voxels, so it must share the fixed grid.
 *
 * @param fixedMedian  median of the fixed local means over the region (image units)
 * @param movingMedian median of the moving local means at the same voxels
 * @param count        number of voxels read
 */
public record BackgroundLevels(double fixedMedian, double movingMedian, int count) {
    /** Voxels between the mask and the background region. */
    public static final int MARGIN_VOXELS = 3;
    /** Fewer background voxels read than this give no estimate. */
    public static final int MIN_VOXELS = 500;
    /** The region is sampled every STRIDE voxels per axis (medians need no more; keeps the cost ~1 ms). */
    private static final int STRIDE = 2;
    /** 1-D weights e^(−d²/2), d = −1, 0, 1 (sigma 1 voxel), normalised so the 27 products sum to 1. */
    private static final double[] W;

    static {
        double e = Math.exp(-0.5);
        double sum = 1 + 2 * e;
        W = new double[] {e / sum, 1 / sum, e / sum};
    }

    /**
     * @param fixedMask same grid as {@code fixed}, nonzero = inside; null gives no estimate (no
     *                  notion of background). Not modified, nor are the images.
     * @return the levels, or null when the mask is null, the grids differ, or the region has fewer
     *         than {@link #MIN_VOXELS} voxels
     */
    public static BackgroundLevels measure(Image3D fixed, Image3D moving, Image3D fixedMask) {
        if (fixedMask == null) {
            return null;
        }
        ImageGeometry g = fixed.geometry();
        if (!moving.geometry().sameGrid(g, 1e-6) || !fixedMask.geometry().sameGrid(g, 1e-6)) {
            return null;
        }
        byte[] near = dilate(fixedMask.data(), g.nx(), g.ny(), g.nz(), MARGIN_VOXELS);
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        float[] f = fixed.data();
        float[] m = moving.data();
        // every 2nd voxel per axis, away from the grid border: a local mean needs its 3×3×3 neighbourhood
        int capacity = ((nx + 1) / 2) * ((ny + 1) / 2) * ((nz + 1) / 2);
        float[] fb = new float[capacity];
        float[] mb = new float[capacity];
        int n = 0;
        for (int k = 1; k < nz - 1; k += STRIDE) {
            for (int j = 1; j < ny - 1; j += STRIDE) {
                for (int i = 1; i < nx - 1; i += STRIDE) {
                    int v = i + nx * (j + ny * k);
                    if (near[v] == 0 && f[v] != 0 && m[v] != 0) {
                        fb[n] = (float) localMean(f, v, nx, nx * ny);
                        mb[n] = (float) localMean(m, v, nx, nx * ny);
                        n++;
                    }
                }
            }
        }
        if (n < MIN_VOXELS) {
            return null;
        }
        return new BackgroundLevels(median(fb, n), median(mb, n), n);
    }

    /** Gaussian-weighted (sigma 1 voxel) mean over the 3×3×3 neighbourhood of voxel v. */
    private static double localMean(float[] a, int v, int nx, int plane) {
        double sum = 0;
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
                int row = v + dk * plane + dj * nx;
                double wjk = W[dj + 1] * W[dk + 1];
                sum += wjk * (W[0] * a[row - 1] + W[1] * a[row] + W[2] * a[row + 1]);
            }
        }
        return sum;
    }

    /** Median of {@code a[0..n)}, which it sorts in place. */
    static double median(float[] a, int n) {
        Arrays.sort(a, 0, n);
        return n % 2 == 1 ? a[n / 2] : 0.5 * ((double) a[n / 2 - 1] + a[n / 2]);
    }

    /** 6-neighbourhood dilation, {@code steps} times; 1 = inside. */
    private static byte[] dilate(float[] mask, int nx, int ny, int nz, int steps) {
        byte[] inside = new byte[mask.length];
        for (int v = 0; v < mask.length; v++) {
            inside[v] = (byte) (mask[v] != 0 ? 1 : 0);
        }
        return MaskMorphology.dilate6(inside, nx, ny, nz, steps);
    }
}
