package org.dwimotion.registration.intensity;

import java.util.Arrays;
import org.dwimotion.image.GaussianSmoothingOps;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;

/**
 * Median intensities of the fixed and the moving image over a shared background region, the input
 * of {@link NoiseFloorModel}.
 *
 * <p>Background: voxels outside the fixed mask dilated by {@link #MARGIN_VOXELS} (6-neighbourhood;
 * the margin covers the head's edge and a few mm of motion) where neither image is exactly 0 (0 is
 * padding: outside a prediction's region, or outside the field of view of a resampled volume).
 * Both images are first smoothed with a Gaussian of {@link #SMOOTHING_VOXELS} voxel, then the
 * medians are taken: medians so that structures outside the mask (skull, neck, ghosts) shift them
 * little; smoothing so that they measure the local mean level, which resampling preserves. (The
 * median of raw Rayleigh noise is 1.18 σ, of smoothed noise nearly its mean 1.25 σ: without the
 * smoothing a once-resampled, noise-free-but-for-the-original-noise moving image looked 11 units
 * "noisier" than its source in the registration benchmark, whose added noise is 35 units; with it,
 * 0 on the 40 clean pairs and 33–35 on the 40 noisy ones.) The moving image is read at the same
 * voxels, so it must share the fixed grid.
 *
 * @param fixedMedian  median of the smoothed fixed image over the region (image units)
 * @param movingMedian median of the smoothed moving image over the same voxels
 * @param count        number of voxels in the region
 */
public record BackgroundLevels(double fixedMedian, double movingMedian, int count) {
    /** Voxels between the mask and the background region. */
    public static final int MARGIN_VOXELS = 3;
    /** Fewer background voxels than this give no estimate. */
    public static final int MIN_VOXELS = 500;
    /** Gaussian sigma applied to both images before the medians, in voxels (mean spacing). */
    public static final double SMOOTHING_VOXELS = 1.0;

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
        float[] f = fixed.data();
        float[] m = moving.data();
        int[] region = new int[f.length];
        int n = 0;
        for (int v = 0; v < f.length; v++) {
            if (near[v] == 0 && f[v] != 0 && m[v] != 0) {
                region[n++] = v;
            }
        }
        if (n < MIN_VOXELS) {
            return null;
        }
        double[] spacing = g.spacing();
        double sigmaMm = SMOOTHING_VOXELS * (spacing[0] + spacing[1] + spacing[2]) / 3;
        float[] fs = GaussianSmoothingOps.smooth(fixed, sigmaMm).data();
        float[] ms = GaussianSmoothingOps.smooth(moving, sigmaMm).data();
        float[] fb = new float[n];
        float[] mb = new float[n];
        for (int q = 0; q < n; q++) {
            fb[q] = fs[region[q]];
            mb[q] = ms[region[q]];
        }
        return new BackgroundLevels(median(fb, n), median(mb, n), n);
    }

    private static double median(float[] a, int n) {
        Arrays.sort(a, 0, n);
        return n % 2 == 1 ? a[n / 2] : 0.5 * ((double) a[n / 2 - 1] + a[n / 2]);
    }

    /** 6-neighbourhood dilation, {@code steps} times; 1 = inside. */
    private static byte[] dilate(float[] mask, int nx, int ny, int nz, int steps) {
        byte[] cur = new byte[mask.length];
        for (int v = 0; v < mask.length; v++) {
            cur[v] = (byte) (mask[v] != 0 ? 1 : 0);
        }
        byte[] next = new byte[mask.length];
        int plane = nx * ny;
        for (int s = 0; s < steps; s++) {
            for (int z = 0, v = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++, v++) {
                        next[v] = (byte) (cur[v] != 0
                                || (x > 0 && cur[v - 1] != 0) || (x < nx - 1 && cur[v + 1] != 0)
                                || (y > 0 && cur[v - nx] != 0) || (y < ny - 1 && cur[v + nx] != 0)
                                || (z > 0 && cur[v - plane] != 0) || (z < nz - 1 && cur[v + plane] != 0) ? 1 : 0);
                    }
                }
            }
            byte[] t = cur;
            cur = next;
            next = t;
        }
        return cur;
    }
}
