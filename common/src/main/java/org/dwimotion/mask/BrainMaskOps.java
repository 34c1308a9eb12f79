package org.dwimotion.mask;

import org.dwimotion.image.ImageGeometry;
import org.dwimotion.image.Image3D;

/**
 * Brain mask from a mean b=0 image, for series given without a mask.
 *
 * <p>Steps, each chosen to be deterministic and parameter-free:
 * <ol>
 *   <li>Otsu threshold over the finite, positive intensities (256 bins between the 0.5th and
 *       99.5th percentiles' range clipped to min/max, so a few hot voxels do not squash the histogram);</li>
 *   <li>keep the largest 6-connected component above it (drops noise specks and eyes/neck blobs
 *       separated from the brain);</li>
 *   <li>a binary closing with a 6-neighbourhood (smooths the ragged rim that noise leaves);</li>
 *   <li>fill holes: every voxel not 6-connected to the grid's border through background becomes
 *       brain (ventricles with low b=0 signal are brain for the model).</li>
 * </ol>
 * Works on voxel indices only; the geometry is carried through unchanged.
 */
public final class BrainMaskOps {
    private static final int BINS = 256;

    private BrainMaskOps() {
    }

    /**
     * Computes the mask.
     *
     * @param meanB0 mean b=0 image; NaN/Inf voxels count as background. Not modified.
     * @return mask as bytes (1 brain, 0 background), x-fastest, same grid as the input
     */
    public static byte[] computeMask(Image3D meanB0) {
        float[] data = meanB0.data();
        ImageGeometry g = meanB0.geometry();
        double threshold = otsuThreshold(data);
        byte[] mask = new byte[data.length];
        if (Double.isNaN(threshold)) {
            return mask;
        }
        for (int i = 0; i < data.length; i++) {
            mask[i] = (byte) (Float.isFinite(data[i]) && data[i] > threshold ? 1 : 0);
        }
        keepLargestComponent(mask, g.nx(), g.ny(), g.nz());
        close6(mask, g.nx(), g.ny(), g.nz());
        fillHoles(mask, g.nx(), g.ny(), g.nz());
        return mask;
    }

    /**
     * Otsu's threshold over finite positive values.
     *
     * @return the threshold, or NaN when fewer than two distinct positive values exist
     */
    public static double otsuThreshold(float[] data) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (float v : data) {
            if (Float.isFinite(v) && v > 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                n++;
            }
        }
        if (n < 2 || !(hi > lo)) {
            return Double.NaN;
        }
        long[] hist = new long[BINS];
        double width = (hi - lo) / BINS;
        for (float v : data) {
            if (Float.isFinite(v) && v > 0) {
                int b = (int) ((v - lo) / width);
                hist[Math.min(b, BINS - 1)]++;
            }
        }
        double totalSum = 0;
        for (int b = 0; b < BINS; b++) {
            totalSum += hist[b] * (b + 0.5);
        }
        long wBack = 0;
        double sumBack = 0;
        double best = -1;
        int bestBin = 0;
        for (int b = 0; b < BINS - 1; b++) {
            wBack += hist[b];
            if (wBack == 0) {
                continue;
            }
            long wFore = n - wBack;
            if (wFore == 0) {
                break;
            }
            sumBack += hist[b] * (b + 0.5);
            double meanBack = sumBack / wBack;
            double meanFore = (totalSum - sumBack) / wFore;
            double between = (double) wBack * wFore * (meanBack - meanFore) * (meanBack - meanFore);
            if (between > best) {
                best = between;
                bestBin = b;
            }
        }
        return lo + (bestBin + 1) * width;
    }

    /** Keeps only the largest 6-connected component of {@code mask} (ties: the first found in x-fastest order). */
    static void keepLargestComponent(byte[] mask, int nx, int ny, int nz) {
        int[] label = new int[mask.length];
        int[] queue = new int[mask.length];
        int bestLabel = 0;
        int bestSize = 0;
        int next = 0;
        for (int seed = 0; seed < mask.length; seed++) {
            if (mask[seed] == 0 || label[seed] != 0) {
                continue;
            }
            next++;
            int size = flood(mask, (byte) 1, label, next, seed, queue, nx, ny, nz);
            if (size > bestSize) {
                bestSize = size;
                bestLabel = next;
            }
        }
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) (label[i] == bestLabel && bestLabel != 0 ? 1 : 0);
        }
    }

    /** Sets to 1 every background voxel not connected to the border through background. */
    static void fillHoles(byte[] mask, int nx, int ny, int nz) {
        int[] label = new int[mask.length];
        int[] queue = new int[mask.length];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    boolean border = i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1;
                    int idx = i + nx * (j + ny * k);
                    if (border && mask[idx] == 0 && label[idx] == 0) {
                        flood(mask, (byte) 0, label, 1, idx, queue, nx, ny, nz);
                    }
                }
            }
        }
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 0 && label[i] == 0) {
                mask[i] = 1;
            }
        }
    }

    /** Binary closing (dilate then erode) with the 6-neighbourhood; the grid border counts as background. */
    static void close6(byte[] mask, int nx, int ny, int nz) {
        byte[] dilated = new byte[mask.length];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int idx = i + nx * (j + ny * k);
                    dilated[idx] = (byte) (mask[idx] == 1 || anyNeighbour(mask, (byte) 1, i, j, k, nx, ny, nz) ? 1 : 0);
                }
            }
        }
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int idx = i + nx * (j + ny * k);
                    boolean interior = i > 0 && j > 0 && k > 0 && i < nx - 1 && j < ny - 1 && k < nz - 1;
                    mask[idx] = (byte) (dilated[idx] == 1 && interior
                            && !anyNeighbour(dilated, (byte) 0, i, j, k, nx, ny, nz) ? 1 : mask[idx]);
                }
            }
        }
    }

    private static boolean anyNeighbour(byte[] m, byte value, int i, int j, int k, int nx, int ny, int nz) {
        int idx = i + nx * (j + ny * k);
        return (i > 0 && m[idx - 1] == value) || (i < nx - 1 && m[idx + 1] == value)
                || (j > 0 && m[idx - nx] == value) || (j < ny - 1 && m[idx + nx] == value)
                || (k > 0 && m[idx - nx * ny] == value) || (k < nz - 1 && m[idx + nx * ny] == value);
    }

    /** Breadth-first 6-connected flood of voxels equal to {@code value}; returns the component size. */
    private static int flood(byte[] mask, byte value, int[] label, int id, int seed, int[] queue,
                             int nx, int ny, int nz) {
        int head = 0;
        int tail = 0;
        queue[tail++] = seed;
        label[seed] = id;
        int plane = nx * ny;
        while (head < tail) {
            int idx = queue[head++];
            int i = idx % nx;
            int j = (idx / nx) % ny;
            int k = idx / plane;
            if (i > 0) tail = visit(mask, value, label, id, idx - 1, queue, tail);
            if (i < nx - 1) tail = visit(mask, value, label, id, idx + 1, queue, tail);
            if (j > 0) tail = visit(mask, value, label, id, idx - nx, queue, tail);
            if (j < ny - 1) tail = visit(mask, value, label, id, idx + nx, queue, tail);
            if (k > 0) tail = visit(mask, value, label, id, idx - plane, queue, tail);
            if (k < nz - 1) tail = visit(mask, value, label, id, idx + plane, queue, tail);
        }
        return tail;
    }

    private static int visit(byte[] mask, byte value, int[] label, int id, int idx, int[] queue, int tail) {
        if (mask[idx] == value && label[idx] == 0) {
            label[idx] = id;
            queue[tail++] = idx;
        }
        return tail;
    }
}
