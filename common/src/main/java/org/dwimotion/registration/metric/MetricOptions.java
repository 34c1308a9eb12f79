package org.dwimotion.registration.metric;

/**
 * Settings of {@link RobustSsdMetric}.
 *
 * @param robustLoss          residual weighting
 * @param threshold           k: the robust loss threshold in units of the robust residual scale
 *                            (4.685 for Tukey, 1.345 is usual for Huber; unused by NONE)
 * @param intensityMatching   intensity relation between the images
 * @param minimumOverlap      smallest fraction of the samples that must map inside the moving image
 *                            for the metric to be defined, in (0, 1]
 */
public record MetricOptions(RobustLoss robustLoss, double threshold, IntensityMatching intensityMatching,
                            double minimumOverlap) {
    public static final double DEFAULT_TUKEY_THRESHOLD = 4.685;
    public static final double DEFAULT_MINIMUM_OVERLAP = 0.25;

    public MetricOptions {
        if (robustLoss == null || intensityMatching == null) {
            throw new IllegalArgumentException("robustLoss and intensityMatching are required");
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and > 0, got " + threshold);
        }
        if (!(minimumOverlap > 0 && minimumOverlap <= 1)) {
            throw new IllegalArgumentException("minimumOverlap must be in (0, 1], got " + minimumOverlap);
        }
    }

    /** Tukey biweight (k = 4.685), linear intensity matching, 25 % minimum overlap. */
    public static MetricOptions defaults() {
        return new MetricOptions(RobustLoss.TUKEY, DEFAULT_TUKEY_THRESHOLD, IntensityMatching.LINEAR,
                DEFAULT_MINIMUM_OVERLAP);
    }
}
