package org.dwimotion.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.dwimotion.group.GroupSummary;
import org.dwimotion.group.SeriesMotion;
import org.dwimotion.group.SeriesOutcome;

/**
 * The group page of a bulk run, {@code <output>/group/dwimotion_group.html}: one self-contained HTML file (inline
 * CSS and SVG, no script, nothing fetched) to screen a cohort's motion at a glance.
 *
 * <ul>
 *   <li>counts of series processed, skipped (already complete) and failed, and the failures with their reasons;</li>
 *   <li>the distribution of every volume's framewise displacement (histogram, threshold line);</li>
 *   <li>mean FD per series, sorted, with Tukey's fence ({@link GroupSummary#upperFence}); outlier series red;</li>
 *   <li>max translation against max rotation per series, outliers red;</li>
 *   <li>the summary table, worst mean FD first, outlier rows highlighted.</li>
 * </ul>
 */
public final class GroupReport {
    private static final String OK = "#1f77b4";
    private static final String BAD = "#d62728";
    private static final int W = 560, H = 260, LEFT = 60, RIGHT = 16, TOP = 28, BOTTOM = 44;

    /**
     * Counts of every volume's FD in bins.
     *
     * @param edges  bin edges, mm, ascending, length bins + 1; the last bin also holds values above it
     * @param counts volumes per bin
     */
    public record Histogram(double[] edges, long[] counts) {
        public Histogram {
            if (edges.length != counts.length + 1) {
                throw new IllegalArgumentException(counts.length + " bins need " + (counts.length + 1) + " edges");
            }
        }

        /** {@code bins} equal bins from 0 to {@code max}. */
        public static double[] edges(double max, int bins) {
            double[] e = new double[bins + 1];
            for (int i = 0; i <= bins; i++) {
                e[i] = max * i / bins;
            }
            return e;
        }
    }

    private GroupReport() {
    }

    /**
     * @param title       the dataset (shown in the heading)
     * @param series      the complete series (processed now or before)
     * @param fd          every volume's FD, binned
     * @param failed      the failed series of this run
     * @param skipped     how many series were skipped as already complete
     * @param fdThreshold FD threshold, mm
     */
    public static String html(String title, List<SeriesMotion> series, Histogram fd, List<SeriesOutcome> failed,
                              long skipped, double fdThreshold) {
        boolean[] outlier = GroupSummary.outliers(series);
        long outliers = 0;
        for (boolean o : outlier) {
            outliers += o ? 1 : 0;
        }
        StringBuilder b = new StringBuilder(1 << 15);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>dwimotion group report: ").append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:16px 24px;color:#222;max-width:1240px}\n")
                .append("h1{font-size:20px}h2{font-size:16px;border-bottom:1px solid #ccc;padding-bottom:2px}\n")
                .append("table{border-collapse:collapse;font-size:13px}td,th{padding:2px 10px;text-align:left;")
                .append("border:1px solid #ddd}.num{text-align:right}tr.outlier{background:#fde0e0}\n")
                .append(".cols{display:flex;gap:24px;flex-wrap:wrap}.bad{color:#b00;font-weight:bold}\n")
                .append("</style>\n</head>\n<body>\n");
        b.append("<h1>dwimotion group report: ").append(esc(title)).append("</h1>\n");
        b.append("<p id=\"counts\">").append(series.size()).append(" complete series (").append(skipped)
                .append(" of them from earlier runs), <span class=\"").append(failed.isEmpty() ? "" : "bad")
                .append("\">").append(failed.size()).append(" failed</span>, <span class=\"")
                .append(outliers > 0 ? "bad" : "").append("\">").append(outliers).append(" outlier series</span>. ")
                .append("FD threshold ").append(fmt(fdThreshold)).append(" mm. Outlier: mean or max FD above ")
                .append("Q3 + 1.5·IQR of the cohort, or more than ")
                .append(Math.round(100 * GroupSummary.FLAGGED_FRACTION_LIMIT)).append("% of volumes flagged.</p>\n");
        if (!failed.isEmpty()) {
            b.append("<h2>Failed series</h2>\n<table id=\"failed\"><tr><th>Series</th><th>File</th><th>Reason</th></tr>\n");
            for (SeriesOutcome f : failed) {
                b.append("<tr><td>").append(esc(f.series())).append("</td><td>").append(esc(String.valueOf(f.file())))
                        .append("</td><td>").append(esc(String.valueOf(f.reason()))).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("<h2>Distributions</h2>\n<div class=\"cols\">\n");
        b.append(histogram(fd, fdThreshold));
        b.append(meanFdStrip(series, outlier));
        b.append(scatter(series, outlier));
        b.append("</div>\n");
        b.append("<h2>Series</h2>\n<table id=\"series\"><tr><th>Series</th><th>Volumes</th><th>Mean FD (mm)</th>")
                .append("<th>Max FD (mm)</th><th>Max translation (mm)</th><th>Max rotation (°)</th>")
                .append("<th>Flagged volumes</th><th>Not converged</th><th>Outlier</th></tr>\n");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -finiteOr(series.get(i).meanFd(), -1))
                .thenComparing(i -> series.get(i).series()));
        for (int i : order) {
            SeriesMotion s = series.get(i);
            b.append("<tr").append(outlier[i] ? " class=\"outlier\"" : "").append("><td>").append(esc(s.series()))
                    .append("</td><td class=\"num\">").append(s.volumes())
                    .append("</td><td class=\"num\">").append(num(s.meanFd(), "%.3f"))
                    .append("</td><td class=\"num\">").append(num(s.maxFd(), "%.3f"))
                    .append("</td><td class=\"num\">").append(num(s.maxTranslation(), "%.3f"))
                    .append("</td><td class=\"num\">").append(num(Math.toDegrees(s.maxRotation()), "%.3f"))
                    .append("</td><td class=\"num\">").append(s.flagged())
                    .append("</td><td class=\"num\">").append(s.notConverged())
                    .append("</td><td>").append(outlier[i] ? "yes" : "").append("</td></tr>\n");
        }
        b.append("</table>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String histogram(Histogram h, double threshold) {
        long top = 1;
        for (long c : h.counts()) {
            top = Math.max(top, c);
        }
        double lo = h.edges()[0];
        double hi = h.edges()[h.edges().length - 1];
        Frame f = new Frame("Framewise displacement of every volume", "FD (mm)", "volumes", lo, hi, 0, top);
        StringBuilder b = f.open("fd-histogram");
        for (int i = 0; i < h.counts().length; i++) {
            double x0 = f.x(h.edges()[i]);
            double x1 = f.x(h.edges()[i + 1]);
            double y = f.y(h.counts()[i]);
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                    x0 + 0.5, y, Math.max(0.5, x1 - x0 - 1), f.y(0) - y, h.edges()[i] >= threshold ? BAD : OK));
        }
        if (threshold >= lo && threshold <= hi) {
            f.vline(b, threshold, "threshold " + fmt(threshold) + " mm");
        }
        return f.close(b);
    }

    private static String meanFdStrip(List<SeriesMotion> series, boolean[] outlier) {
        List<Integer> order = new ArrayList<>();
        double top = 0;
        for (int i = 0; i < series.size(); i++) {
            order.add(i);
            top = Math.max(top, finiteOr(series.get(i).meanFd(), 0));
        }
        order.sort(Comparator.comparingDouble(i -> finiteOr(series.get(i).meanFd(), 0)));
        double fence = GroupSummary.upperFence(series.stream().mapToDouble(SeriesMotion::meanFd).toArray());
        double yMax = Math.max(top, Double.isFinite(fence) ? fence : 0) * 1.1 + 1e-3;
        Frame f = new Frame("Mean FD per series (sorted)", "series (rank)", "mean FD (mm)", 0,
                Math.max(1, series.size()), 0, yMax);
        StringBuilder b = f.open("mean-fd");
        for (int r = 0; r < order.size(); r++) {
            int i = order.get(r);
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s: %.3f mm</title></circle>",
                    f.x(r + 0.5), f.y(finiteOr(series.get(i).meanFd(), 0)), outlier[i] ? BAD : OK,
                    esc(series.get(i).series()), finiteOr(series.get(i).meanFd(), 0)));
        }
        if (Double.isFinite(fence)) {
            f.hline(b, fence, "Q3 + 1.5·IQR");
        }
        return f.close(b);
    }

    private static String scatter(List<SeriesMotion> series, boolean[] outlier) {
        double tMax = 1e-3, rMax = 1e-3;
        for (SeriesMotion s : series) {
            tMax = Math.max(tMax, s.maxTranslation());
            rMax = Math.max(rMax, Math.toDegrees(s.maxRotation()));
        }
        Frame f = new Frame("Max translation vs max rotation", "max translation (mm)", "max rotation (°)", 0,
                tMax * 1.1, 0, rMax * 1.1);
        StringBuilder b = f.open("trans-rot");
        for (int i = 0; i < series.size(); i++) {
            SeriesMotion s = series.get(i);
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s</title></circle>",
                    f.x(s.maxTranslation()), f.y(Math.toDegrees(s.maxRotation())), outlier[i] ? BAD : OK,
                    esc(s.series())));
        }
        return f.close(b);
    }

    /** Axes of one plot: data ranges mapped to an SVG box, ticks and labels. */
    private record Frame(String title, String xLabel, String yLabel, double x0, double x1, double y0, double y1) {
        double x(double v) {
            return LEFT + (v - x0) / (x1 - x0 == 0 ? 1 : x1 - x0) * (W - LEFT - RIGHT);
        }

        double y(double v) {
            return H - BOTTOM - (v - y0) / (y1 - y0 == 0 ? 1 : y1 - y0) * (H - TOP - BOTTOM);
        }

        StringBuilder open(String id) {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "<svg id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                    + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">", id, W, H, W, H));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>",
                    LEFT, esc(title)));
            for (double t : SvgPlot.ticks(y0, y1, 5)) {
                if (t < y0 - 1e-12 || t > y1 + 1e-12) {
                    continue;
                }
                b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, W - RIGHT, y(t), y(t),
                        LEFT - 4, y(t) + 4, tick(t)));
            }
            for (double t : SvgPlot.ticks(x0, x1, 6)) {
                if (t < x0 - 1e-12 || t > x1 + 1e-12) {
                    continue;
                }
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        x(t), H - BOTTOM + 14, tick(t)));
            }
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
                    + "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#444\"/>", LEFT, W - RIGHT, H - BOTTOM,
                    H - BOTTOM, LEFT, LEFT, TOP, H - BOTTOM));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    (LEFT + W - RIGHT) / 2, H - 8, esc(xLabel)));
            b.append(String.format(Locale.ROOT, "<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>",
                    (TOP + H - BOTTOM) / 2, esc(yLabel)));
            return b;
        }

        void vline(StringBuilder b, double v, String label) {
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>", x(v), x(v), TOP,
                    H - BOTTOM, BAD, x(v) + 3, TOP + 10, BAD, esc(label)));
        }

        void hline(StringBuilder b, double v, String label) {
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%.1f\" fill=\"%s\">%s</text>", LEFT, W - RIGHT,
                    y(v), y(v), BAD, LEFT + 4, y(v) - 3, BAD, esc(label)));
        }

        String close(StringBuilder b) {
            return b.append("</svg>\n").toString();
        }
    }

    private static String tick(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static double finiteOr(double v, double fallback) {
        return Double.isFinite(v) ? v : fallback;
    }

    private static String num(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "n/a";
    }

    private static String fmt(double v) {
        return tick(v);
    }

    private static String esc(String s) {
        return SvgPlot.escape(s);
    }
}
