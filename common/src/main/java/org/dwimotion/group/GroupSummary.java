package org.dwimotion.group;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dwimotion.Quantiles;

/**
 * The group summary: one line per series ({@link SeriesMotion}) and which series are motion outliers.
 *
 * <p>A series is an outlier when its mean or its max framewise displacement lies above Tukey's upper fence of the
 * cohort ({@code Q3 + 1.5·IQR} of that figure over all series, quartiles by linear interpolation), or when more
 * than {@value #FLAGGED_FRACTION_LIMIT} of its volumes exceed the FD threshold. With fewer than
 * {@value #MIN_SERIES_FOR_FENCES} series the fences are not computed (quartiles of two or three values mean
 * nothing) and only the flagged-fraction rule applies.
 */
public final class GroupSummary {
    public static final double FLAGGED_FRACTION_LIMIT = 0.2;
    public static final int MIN_SERIES_FOR_FENCES = 4;

    public static final List<String> COLUMNS = List.of("subject", "session", "series", "volumes", "mean_fd",
            "max_fd", "max_translation", "max_rotation", "flagged_volumes", "not_converged", "outlier");

    private GroupSummary() {
    }

    /** Tukey's upper fence {@code Q3 + 1.5·IQR}, or +∞ for fewer than {@value #MIN_SERIES_FOR_FENCES} values. */
    public static double upperFence(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length < MIN_SERIES_FOR_FENCES) {
            return Double.POSITIVE_INFINITY;
        }
        double q1 = Quantiles.ofSorted(v, 0.25);
        double q3 = Quantiles.ofSorted(v, 0.75);
        return q3 + 1.5 * (q3 - q1);
    }

    /** Outlier flags, one per series, by the rules of the class comment. */
    public static boolean[] outliers(List<SeriesMotion> series) {
        double[] mean = series.stream().mapToDouble(SeriesMotion::meanFd).toArray();
        double[] max = series.stream().mapToDouble(SeriesMotion::maxFd).toArray();
        double meanFence = upperFence(mean);
        double maxFence = upperFence(max);
        boolean[] out = new boolean[series.size()];
        for (int i = 0; i < out.length; i++) {
            SeriesMotion s = series.get(i);
            out[i] = mean[i] > meanFence || max[i] > maxFence
                    || s.flagged() > FLAGGED_FRACTION_LIMIT * Math.max(1, s.volumes() - 1);
        }
        return out;
    }

    /** The summary as TSV with a header line ({@link #COLUMNS}; mm, radians; {@code n/a} for missing values). */
    public static String tsv(List<SeriesMotion> series) {
        boolean[] outlier = outliers(series);
        StringBuilder b = new StringBuilder(String.join("\t", COLUMNS)).append('\n');
        for (int i = 0; i < series.size(); i++) {
            SeriesMotion s = series.get(i);
            b.append(s.subject()).append('\t').append(s.session() == null ? "n/a" : s.session()).append('\t')
                    .append(s.series()).append('\t').append(s.volumes()).append('\t')
                    .append(number(s.meanFd(), "%.6f")).append('\t').append(number(s.maxFd(), "%.6f")).append('\t')
                    .append(number(s.maxTranslation(), "%.6f")).append('\t').append(number(s.maxRotation(), "%.9f"))
                    .append('\t').append(s.flagged()).append('\t').append(s.notConverged()).append('\t')
                    .append(outlier[i] ? 1 : 0).append('\n');
        }
        return b.toString();
    }

    static String number(double x, String format) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, format, x) : "n/a";
    }
}
