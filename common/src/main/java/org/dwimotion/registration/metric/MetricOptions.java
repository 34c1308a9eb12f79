package org.dwimotion.registration.metric;

/**
 * Settings of {@link RobustSsdMetric}.
 *
 * @param robustLoss          residual weighting
 * @param huberThreshold      Huber's k in units of the robust residual scale (1.345 by default)
 * @param intensityMatching   intensity relation between the images
 * @param minimumOverlap      smallest fraction of the samples that must map inside the moving image
 *                            for the metric to be defined, in (0, 1]
 */
public record MetricOptions(RobustLoss robustLoss, double huberThreshold, IntensityMatching intensityMatching,
                            double minimumOverlap) {
    public static final double DEFAULT_HUBER_THRESHOLD = 3.0;
    public static final double DEFAULT_MINIMUM_OVERLAP = 0.25;

    public MetricOptions {
        if (robustLoss == null || intensityMatching == null) {
            throw new IllegalArgumentException("robustLoss and intensityMatching are required");
        }
        if (!(huberThreshold > 0) || Double.isInfinite(huberThreshold)) {
            throw new IllegalArgumentException("huberThreshold must be finite and > 0, got " + huberThreshold);
        }
        if (!(minimumOverlap > 0 && minimumOverlap <= 1)) {
            throw new IllegalArgumentException("minimumOverlap must be in (0, 1], got " + minimumOverlap);
        }
    }

    /** Huber (k = 1.345), linear intensity matching, 25 % minimum overlap. */
    public static MetricOptions defaults() {
        return new MetricOptions(RobustLoss.HUBER, DEFAULT_HUBER_THRESHOLD, IntensityMatching.LINEAR,
                DEFAULT_MINIMUM_OVERLAP);
    }
}
