package org.dwimotion.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line plot of per-volume values as inline SVG text (no scripts, no external resources): x is the volume
 * index, each series a polyline (NaN values break the line), optional horizontal threshold lines and shaded
 * flagged volumes, axes with round-number ticks and a legend.
 */
public final class SvgPlot {
    private static final int LEFT = 64, RIGHT = 16, TOP = 30, BOTTOM = 40;

    private record Series(String name, double[] y, String colour) {
    }

    private record Threshold(double y, String label, String colour) {
    }

    private final String title;
    private final String yLabel;
    private final int width, height;
    private final List<Series> series = new ArrayList<>();
    private final List<Threshold> thresholds = new ArrayList<>();
    private int[] flagged = new int[0];

    /**
     * @param title  shown above the plot
     * @param yLabel the y axis label with its unit, e.g. {@code "translation (mm)"}
     */
    public SvgPlot(String title, String yLabel, int width, int height) {
        if (width < 200 || height < 120) {
            throw new IllegalArgumentException("plot must be at least 200x120 pixels");
        }
        this.title = title;
        this.yLabel = yLabel;
        this.width = width;
        this.height = height;
    }

    /** Adds a series; {@code y[v]} is volume v's value (NaN: no point). Not modified. */
    public SvgPlot line(String name, double[] y, String colour) {
        series.add(new Series(name, y.clone(), colour));
        return this;
    }

    /** Adds a dashed horizontal line at {@code y}. */
    public SvgPlot threshold(double y, String label, String colour) {
        thresholds.add(new Threshold(y, label, colour));
        return this;
    }

    /** Shades these volumes (e.g. FD above threshold). */
    public SvgPlot flag(int[] volumes) {
        flagged = volumes.clone();
        return this;
    }

    /** The {@code <svg>} element. */
    public String svg() {
        int n = 0;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            n = Math.max(n, s.y.length);
            for (double v : s.y) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        for (Threshold t : thresholds) {
            lo = Math.min(lo, t.y);
            hi = Math.max(hi, t.y);
        }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        }
        if (hi - lo < 1e-12) {
            double pad = Math.max(Math.abs(hi) * 0.1, 1e-3);
            lo -= pad;
            hi += pad;
        }
        double[] yTicks = ticks(lo, hi, 5);
        lo = Math.min(lo, yTicks[0]);
        hi = Math.max(hi, yTicks[yTicks.length - 1]);
        double xMax = Math.max(1, n - 1);
        double plotW = width - LEFT - RIGHT, plotH = height - TOP - BOTTOM;
        final double fLo = lo, fHi = hi;
        java.util.function.DoubleUnaryOperator px = x -> LEFT + plotW * x / xMax;
        java.util.function.DoubleUnaryOperator py = y -> TOP + plotH * (1 - (y - fLo) / (fHi - fLo));

        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"11\">",
                width, height, width, height, escape(title)));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>",
                LEFT, escape(title)));
        double bandW = Math.max(2, plotW / Math.max(1, n));
        for (int v : flagged) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"#f4a6a6\" opacity=\"0.5\"/>", px.applyAsDouble(v) - bandW / 2, TOP, bandW, plotH));
        }
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"#888\"/>", LEFT, TOP, plotW, plotH));
        for (double t : yTicks) {
            double y = py.applyAsDouble(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT, LEFT + plotW, y, y, LEFT - 4, y + 4, label(t)));
        }
        for (double t : ticks(0, xMax, 10)) {
            if (t != Math.rint(t)) {
                continue;
            }
            double x = px.applyAsDouble(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
                    x, x, TOP + plotH, TOP + plotH + 4, x, TOP + plotH + 16, label(t)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">volume</text>",
                LEFT + plotW / 2, height - 6));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(14,%.1f) rotate(-90)\" "
                + "text-anchor=\"middle\">%s</text>", TOP + plotH / 2, escape(yLabel)));
        for (Threshold t : thresholds) {
            double y = py.applyAsDouble(t.y);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-dasharray=\"6,4\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\">%s</text>",
                    LEFT, LEFT + plotW, y, y, t.colour, LEFT + plotW - 4, y - 4, t.colour, escape(t.label)));
        }
        for (Series s : series) {
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            for (int v = 0; v < s.y.length; v++) {
                if (!Double.isFinite(s.y[v])) {
                    pen = false;
                    continue;
                }
                d.append(String.format(Locale.ROOT, "%s%.1f,%.1f ", pen ? "L" : "M", px.applyAsDouble(v),
                        py.applyAsDouble(s.y[v])));
                pen = true;
            }
            if (d.length() > 0) {
                b.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>",
                        d.toString().trim(), s.colour));
            }
        }
        double lx = LEFT + 8;
        for (Series s : series) {
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"3\"/><text x=\"%.1f\" y=\"%d\">%s</text>",
                    lx, lx + 16, TOP + 12, TOP + 12, s.colour, lx + 20, TOP + 16, escape(s.name)));
            lx += 28 + 7 * s.name.length();
        }
        return b.append("</svg>").toString();
    }

    /** Round-number ticks (1, 2, 5 × 10^k) covering [lo, hi], about {@code target} of them. */
    static double[] ticks(double lo, double hi, int target) {
        double span = hi - lo;
        double raw = span / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * mag;
            if (span / step <= target) {
                break;
            }
        }
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int count = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = start + i * step;
            if (Math.abs(t[i]) < step * 1e-9) {
                t[i] = 0;
            }
        }
        return t;
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** XML text escaping. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
