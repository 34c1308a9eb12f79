package org.dwimotion.registration.metric;

/** Order statistics by quickselect (deterministic middle pivots, no allocation). */
final class SelectOps {
    private SelectOps() {
    }

    /**
     * Median of the first n values (mean of the two middle ones for even n; 0 for n = 0).
     *
     * @param values workspace holding the values in [0, n); reordered. Modified.
     */
    static double median(double[] values, int n) {
        if (n == 0) {
            return 0;
        }
        int h = n / 2;
        double upper = select(values, n, h);
        if ((n & 1) == 1) {
            return upper;
        }
        // after select, [0, h) holds values <= upper: the lower middle is their maximum
        double lower = values[0];
        for (int i = 1; i < h; i++) {
            lower = Math.max(lower, values[i]);
        }
        return 0.5 * (lower + upper);
    }

    /** The k-th smallest (0-based) of values[0, n); partially sorts the array around it. */
    static double select(double[] v, int n, int k) {
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            double pivot = v[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }
}
