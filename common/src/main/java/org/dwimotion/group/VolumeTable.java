package org.dwimotion.group;

import java.util.List;
import java.util.Locale;
import org.dwimotion.bids.Json;
import org.dwimotion.motion.FramewiseDisplacement;
import org.dwimotion.motion.MotionParameters;

/**
 * The dataset-level volume table: one row per volume of every series, the rows of one series written by the
 * series itself as a small TSV ({@value #FILE_NAME} in its output folder, before its completion marker), then
 * gathered by Spark SQL into {@code <output>/group/volumes.parquet}.
 *
 * <p>Columns, in order ({@link #COLUMNS}): {@code subject}, {@code session} (labels without {@code sub-}/
 * {@code ses-}; {@code n/a} when the dataset has no sessions), {@code series} (the entities, {@code sub-01_ses-1}),
 * {@code volume} (0-based), {@code bval} (s/mm²), {@code trans_x trans_y trans_z} (mm), {@code rot_x rot_y rot_z}
 * (radians) — the rigid parameters of {@link MotionParameters} about the reference grid's field-of-view centre —,
 * {@code framewise_displacement} (mm, Power 2012, {@code n/a} for volume 0), {@code registration_metric} (final
 * normalised metric, {@code n/a} when not finite), {@code registration_converged} and {@code fd_outlier} (0/1:
 * FD above the threshold). Missing values are {@code n/a}, as in BIDS tables.
 */
public final class VolumeTable {
    /** File name of a series' rows inside its output folder (no leading "_" or ".": Spark would skip the file). */
    public static final String FILE_NAME = "dwimotion_volumes.tsv";

    public static final List<String> COLUMNS = List.of("subject", "session", "series", "volume", "bval",
            "trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z", "framewise_displacement",
            "registration_metric", "registration_converged", "fd_outlier");

    private VolumeTable() {
    }

    /**
     * The rows of one series as TSV text with a header line.
     *
     * @param subject     subject label
     * @param session     session label or null
     * @param series      series key
     * @param bvals       N b-values, s/mm². Not modified.
     * @param transforms  N×16 fixed → moving, world RAS mm, row-major, flattened. Not modified.
     * @param centre      rotation centre (reference field-of-view centre), world RAS mm, 3 values. Not modified.
     * @param metric      N final registration metrics. Not modified.
     * @param converged   N convergence flags. Not modified.
     * @param fdThreshold FD above which a volume is flagged, mm
     */
    public static String tsv(String subject, String session, String series, double[] bvals, double[] transforms,
                             double[] centre, double[] metric, boolean[] converged, double fdThreshold) {
        int n = bvals.length;
        if (transforms.length != 16 * n || metric.length != n || converged.length != n) {
            throw new IllegalArgumentException(series + ": " + n + " b-values but " + transforms.length / 16
                    + " transforms, " + metric.length + " metrics, " + converged.length + " flags");
        }
        double[] p = MotionParameters.of(transforms, centre);
        double[] fd = FramewiseDisplacement.of(p);
        StringBuilder b = new StringBuilder(String.join("\t", COLUMNS)).append('\n');
        String prefix = subject + "\t" + (session == null ? "n/a" : session) + "\t" + series + "\t";
        for (int v = 0; v < n; v++) {
            b.append(prefix).append(v).append('\t').append(number(bvals[v], null));
            for (int a = 0; a < 6; a++) {
                b.append('\t').append(number(p[6 * v + a], a < 3 ? "%.6f" : "%.9f"));
            }
            b.append('\t').append(number(fd[v], "%.6f"))
                    .append('\t').append(number(metric[v], null))
                    .append('\t').append(converged[v] ? 1 : 0)
                    .append('\t').append(fd[v] > fdThreshold ? 1 : 0)
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * Reads the rows of one series' TSV back as typed values in {@link #COLUMNS} order: {@code String} for the
     * labels ({@code null} for an {@code n/a} session), {@code Integer} for volume and the 0/1 flags, {@code Double}
     * for the rest ({@code null} for {@code n/a}).
     *
     * @param location where the text came from, for error messages
     * @throws IllegalArgumentException naming the location and line when the header or a row is malformed
     */
    public static java.util.List<Object[]> parse(String location, String text) {
        java.util.List<String> lines = text.lines().filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty() || !lines.get(0).equals(String.join("\t", COLUMNS))) {
            throw new IllegalArgumentException(location + ": not a dwimotion volume table (header differs)");
        }
        java.util.List<Object[]> rows = new java.util.ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            if (f.length != COLUMNS.size()) {
                throw new IllegalArgumentException(location + ": line " + (i + 1) + " has " + f.length + " fields, "
                        + "expected " + COLUMNS.size());
            }
            Object[] r = new Object[f.length];
            try {
                r[0] = f[0];
                r[1] = f[1].equals("n/a") ? null : f[1];
                r[2] = f[2];
                r[3] = Integer.valueOf(f[3]);
                for (int c = 4; c < 13; c++) {
                    r[c] = f[c].equals("n/a") ? null : Double.valueOf(f[c]);
                }
                r[13] = Integer.valueOf(f[13]);
                r[14] = Integer.valueOf(f[14]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(location + ": line " + (i + 1) + ": " + e.getMessage(), e);
            }
            rows.add(r);
        }
        return rows;
    }

    private static String number(double x, String format) {
        if (!Double.isFinite(x)) {
            return "n/a";
        }
        String t = format == null ? Json.number(x) : String.format(Locale.ROOT, format, x);
        // "-0.000000" (a tiny negative rounded away, or -0.0) reads as 0 and diffs badly: drop the sign
        return t.startsWith("-") && t.matches("-0(\\.0*)?") ? t.substring(1) : t;
    }
}
