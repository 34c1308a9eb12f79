package org.dwimotion.registration.metric;

/**
 * The Parzen-windowed joint histogram of fixed and moving intensities and the mutual information it gives, as in
 * Mattes et al. (2003) and ITK's {@code MattesMutualInformationImageToImageMetricv4}: a fixed value adds to one bin
 * (zero-order window), a moving value is spread over four neighbouring bins by the cubic B-spline kernel, so the
 * histogram — and the mutual information — change smoothly (C²) with the moving value, hence with the transform.
 *
 * <p>Units: intensities are those of the images (any unit); the mutual information is in nats. Each axis has
 * {@code bins} bins, {@value #PADDING} of them padding at each end (room for the kernel's support); the intensity
 * range [min, max] is spread over the other {@code bins − 2·PADDING}, and values outside it are clamped to it.
 * Not thread-safe (holds the counts).
 */
public final class ParzenJointHistogram {
    /** Bins left at each end of an axis. */
    public static final int PADDING = 2;

    private final int bins;
    private final double fixedMin, fixedBinSize, movingMin, movingBinSize;
    /** Counts, {@code joint[fixedBin * bins + movingBin]}. */
    private final double[] joint;
    private double total;

    /**
     * @param bins bins per axis, ≥ 2·PADDING + 2
     * @throws IllegalArgumentException for too few bins or a range that is not finite
     */
    public ParzenJointHistogram(int bins, double fixedMin, double fixedMax, double movingMin, double movingMax) {
        if (bins < 2 * PADDING + 2) {
            throw new IllegalArgumentException("a Parzen joint histogram needs at least " + (2 * PADDING + 2)
                    + " bins per axis, got " + bins);
        }
        if (!Double.isFinite(fixedMin + fixedMax + movingMin + movingMax)) {
            throw new IllegalArgumentException("intensity ranges must be finite");
        }
        this.bins = bins;
        this.fixedMin = fixedMin;
        this.movingMin = movingMin;
        // a constant image still gets a positive bin size: its values all land in the first inner bin
        this.fixedBinSize = binSize(fixedMin, fixedMax, bins);
        this.movingBinSize = binSize(movingMin, movingMax, bins);
        this.joint = new double[bins * bins];
    }

    private static double binSize(double min, double max, int bins) {
        double range = max - min;
        return (range > 0 ? range : 1) / (bins - 2 * PADDING);
    }

    public int bins() {
        return bins;
    }

    /** Empties the histogram. */
    public void clear() {
        java.util.Arrays.fill(joint, 0);
        total = 0;
    }

    /** Adds one sample pair. */
    public void add(double fixed, double moving) {
        int fb = (int) Math.floor((fixed - fixedMin) / fixedBinSize) + PADDING;
        fb = Math.max(PADDING, Math.min(bins - PADDING - 1, fb));
        double term = (moving - movingMin) / movingBinSize + PADDING;
        term = Math.max(PADDING, Math.min(bins - PADDING - 1, term));
        int first = (int) Math.floor(term) - 1;
        int row = fb * bins;
        for (int j = first; j < first + 4; j++) {
            joint[row + j] += cubicBSpline(j - term);
        }
        total += 1;
    }

    /** Number of sample pairs added since the last {@link #clear()}. */
    public double count() {
        return total;
    }

    /**
     * {@code Σ p(i,j) log(p(i,j) / (p_f(i) p_m(j)))}, nats, from the normalised histogram; 0 when it is empty.
     * Summed in a fixed order (deterministic).
     */
    public double mutualInformation() {
        double sum = 0;
        for (double c : joint) {
            sum += c;
        }
        if (!(sum > 0)) {
            return 0;
        }
        double[] pf = new double[bins];
        double[] pm = new double[bins];
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                double p = joint[i * bins + j] / sum;
                pf[i] += p;
                pm[j] += p;
            }
        }
        double mi = 0;
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                double p = joint[i * bins + j] / sum;
                if (p > 0) {
                    mi += p * Math.log(p / (pf[i] * pm[j]));
                }
            }
        }
        return mi;
    }

    /** The cubic B-spline β³(u): support (−2, 2), sums to 1 over integer shifts. */
    static double cubicBSpline(double u) {
        double a = Math.abs(u);
        if (a < 1) {
            return (4 - 6 * a * a + 3 * a * a * a) / 6;
        }
        if (a < 2) {
            double b = 2 - a;
            return b * b * b / 6;
        }
        return 0;
    }
}
