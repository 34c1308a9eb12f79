package org.dwimotion.report;

import static org.dwimotion.report.SvgPlot.escape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.dwimotion.motion.MotionSummary;
import org.dwimotion.motion.MotionTable;

/**
 * The self-contained HTML quality-control report of one series: inline SVG plots, inline base64 PNG mosaics
 * and inline CSS; nothing is loaded from elsewhere. Its only script checks, once the page has loaded, that
 * every mosaic decoded, and logs a console error otherwise (what the headless-browser test looks for).
 *
 * <p>Sections: a summary (FD, largest motion, flagged and non-converged volumes, model, fit method, iterations,
 * run time and a per-stage timings table), motion traces (translations, rotations in degrees), framewise
 * displacement with the threshold line and flagged volumes shaded, RMS displacement, the registration metric,
 * and observed / predicted / corrected mosaics of the worst and of typical volumes.
 */
public final class QcReport {
    private static final String[] XYZ_COLOURS = {"#d62728", "#2ca02c", "#1f77b4"};

    /** Why a volume is shown. */
    public enum Reason { WORST, TYPICAL }

    /** A volume chosen for mosaics. */
    public record Choice(int volume, Reason reason) {
    }

    /**
     * The mosaics of one volume: base64 PNGs (from {@link MosaicRenderer#pngBase64}); {@code predicted} may be
     * null when no prediction is available.
     */
    public record VolumeMosaics(Choice choice, String observed, String predicted, String corrected) {
    }

    private QcReport() {
    }

    /**
     * The volumes to show: the {@code worst} volumes with the largest framewise displacement, then
     * {@code typical} volumes whose FD is closest to the median FD (excluding those already chosen). A single
     * volume series shows volume 0 as typical.
     */
    public static List<Choice> chooseVolumes(MotionTable table, int worst, int typical) {
        int n = table.size();
        double[] fd = table.fd();
        List<Choice> out = new ArrayList<>();
        Integer[] byFd = IntStream.range(1, n).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(byFd, Comparator.<Integer>comparingDouble(v -> -fd[v]).thenComparingInt(v -> v));
        for (int i = 0; i < Math.min(worst, byFd.length); i++) {
            out.add(new Choice(byFd[i], Reason.WORST));
        }
        if (byFd.length == 0) {
            out.add(new Choice(0, Reason.TYPICAL));
            return out;
        }
        double median = fd[byFd[byFd.length / 2]];
        Integer[] byMedian = byFd.clone();
        java.util.Arrays.sort(byMedian, Comparator.<Integer>comparingDouble(v -> Math.abs(fd[v] - median))
                .thenComparingInt(v -> v));
        int added = 0;
        for (int i = 0; i < byMedian.length && added < typical; i++) {
            int v = byMedian[i];
            if (out.stream().noneMatch(c -> c.volume() == v)) {
                out.add(new Choice(v, Reason.TYPICAL));
                added++;
            }
        }
        return out;
    }

    /**
     * The report's HTML.
     *
     * @param title   shown as the heading (the input's file name)
     * @param table   the motion table
     * @param run     how the series was processed
     * @param mosaics in display order
     */
    public static String html(String title, MotionTable table, RunInfo run, List<VolumeMosaics> mosaics) {
        MotionSummary s = MotionSummary.of(table);
        int n = table.size();
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>dwimotion report: ").append(escape(title)).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:sans-serif;margin:16px 24px;color:#222;max-width:1240px}\n")
                .append("h1{font-size:20px}h2{font-size:16px;border-bottom:1px solid #ccc;padding-bottom:2px}\n")
                .append("table{border-collapse:collapse;font-size:13px}td,th{padding:2px 10px;text-align:left}\n")
                .append("table.kv td:first-child{color:#555}table.t{margin-top:8px}table.t td,table.t th{border:1px solid #ddd}\n")
                .append(".num{text-align:right}.flag{color:#b00;font-weight:bold}.ok{color:#070}\n")
                .append(".mos{margin:6px 0 14px 0}.mos .row{display:flex;gap:14px;flex-wrap:wrap}\n")
                .append(".mos figure{margin:2px 0}.mos img{image-rendering:pixelated;display:block}\n")
                .append(".mos figcaption{font-size:12px;color:#555}.plots svg{display:block;margin:4px 0}\n")
                .append(".cols{display:flex;gap:32px;flex-wrap:wrap}\n")
                .append("</style>\n</head>\n<body>\n");
        b.append("<h1>dwimotion: ").append(escape(title)).append("</h1>\n");

        b.append("<h2>Summary</h2>\n<div class=\"cols\"><table class=\"kv\" id=\"summary\">\n");
        row(b, "Volumes", Integer.toString(n));
        row(b, "Mean framewise displacement", mm(s.meanFd()));
        row(b, "Max framewise displacement", mm(s.maxFd()));
        row(b, "Max translation", mm(s.maxTranslation()));
        row(b, "Max rotation", String.format(Locale.ROOT, "%.3f°", Math.toDegrees(s.maxRotation())));
        row(b, "Max RMS displacement (to reference)", mm(s.maxRmsRef()));
        String flaggedText = s.flagged().length + " (FD &gt; " + fmt(s.fdThreshold()) + " mm)"
                + (s.flagged().length > 0 ? ": " + list(s.flagged()) : "");
        b.append("<tr><td>Flagged volumes</td><td class=\"").append(s.flagged().length > 0 ? "flag" : "ok")
                .append("\" id=\"flagged\">").append(flaggedText).append("</td></tr>\n");
        b.append("<tr><td>Registrations not converged</td><td class=\"")
                .append(s.notConverged().length > 0 ? "flag" : "ok").append("\">").append(s.notConverged().length)
                .append(s.notConverged().length > 0 ? ": " + list(s.notConverged()) : "").append("</td></tr>\n");
        row(b, "Model / fit method", escape(run.model() + " / " + run.fitMethod()));
        row(b, "Transform", escape(run.transformType().name().toLowerCase(Locale.ROOT)));
        row(b, "LOVO iterations", Integer.toString(run.iterations()));
        row(b, "Run time", String.format(Locale.ROOT, "%.1f s", run.totalSeconds()));
        row(b, "dwimotion version", escape(run.softwareVersion()));
        b.append("</table>\n<table class=\"t\" id=\"timings\"><tr><th>Stage</th><th>Seconds</th></tr>\n");
        for (StageTiming t : run.timings()) {
            b.append("<tr><td>").append(escape(t.stage())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.2f", t.seconds())).append("</td></tr>\n");
        }
        b.append("<tr><th>Total</th><th class=\"num\">").append(String.format(Locale.ROOT, "%.2f", run.totalSeconds()))
                .append("</th></tr>\n</table></div>\n");
        b.append("<p style=\"font-size:12px;color:#555\">Command line: <code>").append(escape(run.commandLine()))
                .append("</code></p>\n");

        b.append("<h2>Motion</h2>\n<div class=\"plots\">\n");
        int w = 1180, h = 200;
        double[][] p = new double[6][n];
        for (int v = 0; v < n; v++) {
            for (int a = 0; a < 6; a++) {
                p[a][v] = a < 3 ? table.parameter(v, a) : Math.toDegrees(table.parameter(v, a));
            }
        }
        SvgPlot trans = new SvgPlot("Translations", "mm", w, h);
        SvgPlot rot = new SvgPlot("Rotations", "degrees", w, h);
        String[] axes = {"x", "y", "z"};
        for (int a = 0; a < 3; a++) {
            trans.line("trans_" + axes[a], p[a], XYZ_COLOURS[a]);
            rot.line("rot_" + axes[a], p[3 + a], XYZ_COLOURS[a]);
        }
        b.append(trans.svg()).append('\n').append(rot.svg()).append('\n');
        b.append(new SvgPlot("Framewise displacement (Power)", "mm", w, h).flag(s.flagged())
                .line("FD", table.fd(), "#333")
                .threshold(s.fdThreshold(), "threshold " + fmt(s.fdThreshold()) + " mm", "#b00").svg()).append('\n');
        b.append(new SvgPlot("RMS displacement in the brain mask", "mm", w, h)
                .line("to reference", table.rmsRef(), "#1f77b4")
                .line("to previous volume", table.rmsPrev(), "#ff7f0e").svg()).append('\n');
        double[] metric = table.diagnostics().metric();
        b.append(new SvgPlot("Registration metric (final, normalised; lower is better)", "metric", w, h)
                .flag(s.notConverged()).line("metric", metric, "#9467bd").svg()).append('\n');
        b.append("</div>\n");

        b.append("<h2>Observed, predicted and corrected volumes</h2>\n");
        b.append("<p style=\"font-size:12px;color:#555\">Axial slices (voxel i to the right, j up). Observed: the "
                + "volume as acquired. Predicted: the model's prediction of it from the other volumes, in the "
                + "reference space. Corrected: the observed volume resampled onto the reference. The three panels of "
                + "a volume share one grey scale.</p>\n");
        for (VolumeMosaics m : mosaics) {
            int v = m.choice().volume();
            b.append("<div class=\"mos\" id=\"vol-").append(v).append("\"><b>Volume ").append(v).append("</b> (")
                    .append(m.choice().reason() == Reason.WORST ? "among the worst" : "typical")
                    .append("; FD ").append(Double.isFinite(table.fd()[v]) ? mm(table.fd()[v]) : "n/a")
                    .append(", b = ").append(fmt(table.gradients().bval(v))).append(" s/mm²)\n<div class=\"row\">\n");
            image(b, "observed", m.observed(), v);
            if (m.predicted() != null) {
                image(b, "predicted", m.predicted(), v);
            }
            image(b, "corrected", m.corrected(), v);
            b.append("</div></div>\n");
        }
        b.append("<script>\nwindow.addEventListener('load', function () {\n")
                .append("  var bad = Array.prototype.filter.call(document.images, function (i) {\n")
                .append("    return !(i.complete && i.naturalWidth > 0); });\n")
                .append("  if (bad.length > 0) { console.error('dwimotion report: ' + bad.length + ' image(s) did not decode'); }\n")
                .append("  document.body.setAttribute('data-images-ok', bad.length === 0 ? 'true' : 'false');\n")
                .append("});\n</script>\n");
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void image(StringBuilder b, String label, String png, int v) {
        b.append("<figure><figcaption>").append(label).append("</figcaption><img alt=\"volume ").append(v)
                .append(' ').append(label).append("\" src=\"data:image/png;base64,").append(png)
                .append("\"></figure>\n");
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("<tr><td>").append(key).append("</td><td>").append(value).append("</td></tr>\n");
    }

    private static String mm(double v) {
        return String.format(Locale.ROOT, "%.3f mm", v);
    }

    private static String fmt(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "") : s;
    }

    private static String list(int[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i == 20) {
                return b.append(", … (").append(v.length - 20).append(" more)").toString();
            }
            b.append(i > 0 ? ", " : "").append(v[i]);
        }
        return b.toString();
    }
}
