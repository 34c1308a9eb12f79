package org.dwimotion.eval;

import java.util.Locale;
import org.dwimotion.pipeline.JsonText;

/**
 * Text forms of an {@link EvaluationResult}: the console table, {@code evaluation.tsv} (the per-class summary, one
 * row per class) and {@code evaluation.json} (summary, offset and every volume). Distances in mm, angles in degrees.
 */
public final class EvaluationReport {
    /** Columns of {@link #tsv}. */
    public static final String TSV_HEADER = "class\tbval\tvolumes\tmedian_mm\tp95_mm\tmax_mm\tmedian_translation_mm"
            + "\tmedian_rotation_deg";

    private EvaluationReport() {
    }

    /** The per-class table for the console. */
    public static String table(EvaluationResult r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%-8s %7s %10s %10s %10s %12s %11s%n", "class", "volumes", "median mm", "p95 mm", "max mm",
                "transl. mm", "rot. deg"));
        for (ClassSummary c : r.classes()) {
            b.append(String.format(Locale.ROOT, "%-8s %7d %10.4f %10.4f %10.4f %12.4f %11.4f%n", c.name(), c.volumes(),
                    c.medianMm(), c.p95Mm(), c.maxMm(), c.medianTranslationMm(), c.medianRotationDeg()));
        }
        b.append(String.format(Locale.ROOT, "displacement error per volume = mean over %d mask voxels of "
                + "|T_est(C(x)) - T_true(x)|; offset C: %s; reference volume %d left out%n", r.maskVoxels(),
                r.offset().cliName(), r.referenceVolume()));
        return b.toString();
    }

    /** One row per class: {@link #TSV_HEADER}. */
    public static String tsv(EvaluationResult r) {
        StringBuilder b = new StringBuilder(TSV_HEADER).append('\n');
        for (ClassSummary c : r.classes()) {
            b.append(c.name()).append('\t').append(Double.isNaN(c.bValue()) ? "n/a" : fixed(c.bValue(), 1))
                    .append('\t').append(c.volumes())
                    .append('\t').append(fixed(c.medianMm(), 6)).append('\t').append(fixed(c.p95Mm(), 6))
                    .append('\t').append(fixed(c.maxMm(), 6)).append('\t').append(fixed(c.medianTranslationMm(), 6))
                    .append('\t').append(fixed(c.medianRotationDeg(), 6)).append('\n');
        }
        return b.toString();
    }

    /**
     * @param truth  where the truth came from (recorded)
     * @param result where the estimate came from (recorded)
     */
    public static String json(EvaluationResult r, String truth, String result) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"format\": \"dwimotion evaluation 1\",\n");
        b.append("  \"truth\": ").append(JsonText.string(truth)).append(",\n");
        b.append("  \"result\": ").append(JsonText.string(result)).append(",\n");
        b.append("  \"definition\": ").append(JsonText.string("displacement error of a volume: mean over the mask "
                + "voxel centres x of |T_est(C(x)) - T_true(x)| in mm, T fixed->moving world RAS mm, C the common "
                + "offset; class statistics over the class's volumes, reference volume left out; translation/rotation"
                + " errors: of T_true^-1 * T_est * C at the truth's centre_mm")).append(",\n");
        b.append("  \"offset_removal\": ").append(JsonText.string(r.offset().cliName())).append(",\n");
        b.append("  \"offset_fixed_to_moving\": ").append(JsonText.array(r.offsetMatrix())).append(",\n");
        b.append("  \"reference_volume\": ").append(r.referenceVolume()).append(",\n");
        b.append("  \"mask_voxels\": ").append(r.maskVoxels()).append(",\n");
        b.append("  \"classes\": [\n");
        for (int i = 0; i < r.classes().size(); i++) {
            ClassSummary c = r.classes().get(i);
            b.append("    {\"class\": ").append(JsonText.string(c.name()))
                    .append(", \"bval\": ").append(JsonText.number(c.bValue()))
                    .append(", \"volumes\": ").append(c.volumes())
                    .append(", \"median_mm\": ").append(JsonText.number(c.medianMm()))
                    .append(", \"p95_mm\": ").append(JsonText.number(c.p95Mm()))
                    .append(", \"max_mm\": ").append(JsonText.number(c.maxMm()))
                    .append(", \"median_translation_mm\": ").append(JsonText.number(c.medianTranslationMm()))
                    .append(", \"median_rotation_deg\": ").append(JsonText.number(c.medianRotationDeg()))
                    .append(i + 1 < r.classes().size() ? "},\n" : "}\n");
        }
        b.append("  ],\n  \"volumes\": [\n");
        for (int i = 0; i < r.volumes().size(); i++) {
            VolumeError v = r.volumes().get(i);
            b.append("    {\"volume\": ").append(v.volume())
                    .append(", \"class\": ").append(JsonText.string(v.volumeClass()))
                    .append(", \"bval\": ").append(JsonText.number(v.bval()))
                    .append(", \"reference\": ").append(v.reference())
                    .append(", \"mean_mm\": ").append(JsonText.number(v.meanMm()))
                    .append(", \"median_mm\": ").append(JsonText.number(v.medianMm()))
                    .append(", \"max_mm\": ").append(JsonText.number(v.maxMm()))
                    .append(", \"translation_mm\": ").append(JsonText.number(v.translationMm()))
                    .append(", \"rotation_deg\": ").append(JsonText.number(v.rotationDeg()))
                    .append(i + 1 < r.volumes().size() ? "},\n" : "}\n");
        }
        b.append("  ]\n}\n");
        return b.toString();
    }

    private static String fixed(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v + 0.0) : "n/a";
    }
}
