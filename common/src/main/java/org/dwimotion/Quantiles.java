package org.dwimotion;

import java.util.Arrays;

/**
 * Order statistics of small arrays of doubles (per-volume errors, per-series FD, robust scales): a quantile by linear
 * interpolation between order statistics, position {@code q·(n−1)} (R's type 7, numpy's default), and the median.
 *
 * <p>Hot loops over voxels keep their own in-place selection ({@code SelectOps}, {@code BackgroundLevels}): these
 * copy and sort, which is what a few hundred values want.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * The q-th quantile (0 ≤ q ≤ 1) of {@code sorted} (ascending), NaN when it is empty.
     */
    public static double ofSorted(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The median of {@code values} (any order; not modified): the middle value, or the mean of the two middle ones
     * for an even count; NaN when empty.
     */
    public static double median(double[] values) {
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
