package org.dwimotion.eval;

/**
 * Accuracy of one volume class (the b=0 volumes, one shell, or {@code all}) over its non-reference volumes.
 * "Displacement error" is each volume's mean over the mask of the point displacement error (mm); the class
 * statistics are taken over its volumes.
 *
 * @param name                class name: {@code b0}, {@code b<round(b)>} (e.g. {@code b1000}) or {@code all}
 * @param bValue              mean b-value of the class, s/mm² (NaN for {@code all})
 * @param volumes             number of volumes summarised
 * @param medianMm            median of the per-volume displacement errors, mm
 * @param p95Mm               95th percentile (linear interpolation between order statistics, as numpy's default), mm
 * @param maxMm               largest per-volume displacement error, mm
 * @param medianTranslationMm median of the per-volume translation errors, mm
 * @param medianRotationDeg   median of the per-volume rotation errors, degrees
 */
public record ClassSummary(String name, double bValue, int volumes, double medianMm, double p95Mm, double maxMm,
                           double medianTranslationMm, double medianRotationDeg) {
}
