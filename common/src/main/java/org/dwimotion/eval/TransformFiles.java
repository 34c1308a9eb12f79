package org.dwimotion.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads per-volume transforms (N 4×4 row-major fixed → moving, world RAS mm, flattened N×16) from the files that
 * hold them — the one place that knows their formats:
 *
 * <ul>
 *   <li>the simulator's truth, {@code motion_truth.json}: {@code "fixed_to_moving"} per volume, and
 *       {@code "centre_mm"};</li>
 *   <li>a result folder of {@code dwimotion run}: the BIDS outputs' {@code *_desc-hmc_affines.tsv} (header
 *       {@code volume m00 … m33}, one row per volume) when present anywhere below it, else the job's
 *       {@code transforms.json} ({@code "fixed_to_moving"} per volume, in volume order). The same JSON layout is
 *       what {@code scripts/accuracy_dipy.py} writes for DIPY's estimates.</li>
 * </ul>
 *
 * <p>JSON is read by pattern, not parsed: only the {@code "key": [numbers]} arrays are taken, in file order (no JSON
 * library in {@code common}; both writers put one array per volume in volume order).
 */
public final class TransformFiles {
    /** The job's transforms file inside a result folder. */
    public static final String JOB_TRANSFORMS = "transforms.json";
    /** Suffix of the BIDS outputs' table of all affines. */
    public static final String AFFINES_TABLE_SUFFIX = "_desc-hmc_affines.tsv";
    /** The simulator's truth file inside a truth folder. */
    public static final String TRUTH = "motion_truth.json";

    private static final String NUMBER = "[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?";

    private TransformFiles() {
    }

    /** The truth transforms and rotation centre of a simulated series. */
    public record Truth(double[] transforms, double[] centre, Path source) {
    }

    /** Reads {@code motion_truth.json} of a truth folder (or that file itself). */
    public static Truth readTruth(Path folderOrFile) throws IOException {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve(TRUTH) : folderOrFile;
        String text = read(file);
        double[] t = concat(arrays(text, "fixed_to_moving", file, 16));
        List<double[]> c = arrays(text, "centre_mm", file, 3);
        if (c.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one \"centre_mm\": [x, y, z], found " + c.size());
        }
        return new Truth(t, c.get(0), file);
    }

    /**
     * The file of estimated transforms in a result folder: the affines table when exactly one is below it (searched
     * 4 levels deep), else {@code transforms.json}; a file is returned as is.
     *
     * @throws IllegalArgumentException when there is none, or several affines tables
     */
    public static Path findResult(Path folderOrFile) throws IOException {
        if (!Files.isDirectory(folderOrFile)) {
            if (!Files.isRegularFile(folderOrFile)) {
                throw new IllegalArgumentException(folderOrFile + ": no such result folder or transforms file");
            }
            return folderOrFile;
        }
        List<Path> tables;
        try (Stream<Path> s = Files.find(folderOrFile, 4,
                (p, a) -> a.isRegularFile() && p.getFileName().toString().endsWith(AFFINES_TABLE_SUFFIX))) {
            tables = s.sorted().toList();
        }
        if (tables.size() > 1) {
            throw new IllegalArgumentException(folderOrFile + ": several transform tables " + tables
                    + "; give one with --result FILE");
        }
        if (tables.size() == 1) {
            return tables.get(0);
        }
        Path json = folderOrFile.resolve(JOB_TRANSFORMS);
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException(folderOrFile + ": neither " + JOB_TRANSFORMS + " nor a *"
                    + AFFINES_TABLE_SUFFIX + " found (is it a dwimotion run output folder?)");
        }
        return json;
    }

    /** Reads the estimated transforms of {@link #findResult}: N×16. */
    public static double[] readResult(Path folderOrFile) throws IOException {
        Path file = findResult(folderOrFile);
        String text = read(file);
        return file.getFileName().toString().endsWith(".tsv") ? parseAffinesTable(text, file)
                : concat(arrays(text, "fixed_to_moving", file, 16));
    }

    /** Writes transforms in the job's {@code transforms.json} layout (for other tools' estimates). */
    public static String jobJson(double[] transforms, String convention) {
        StringBuilder b = new StringBuilder("{\n  \"convention\": \"").append(convention.replace("\"", "'"))
                .append("\",\n  \"volumes\": [\n");
        int n = transforms.length / 16;
        for (int v = 0; v < n; v++) {
            b.append("    {\"volume\": ").append(v).append(", \"fixed_to_moving\": [");
            for (int q = 0; q < 16; q++) {
                b.append(q > 0 ? ", " : "").append(transforms[16 * v + q]);
            }
            b.append(v + 1 < n ? "]},\n" : "]}\n");
        }
        return b.append("  ]\n}\n").toString();
    }

    /** Parses the BIDS outputs' {@code _desc-hmc_affines.tsv}: header {@code volume m00 … m33}, row v = volume v. */
    static double[] parseAffinesTable(String text, Path source) {
        String[] lines = text.split("\\r?\\n");
        if (lines.length == 0 || !lines[0].startsWith("volume\tm00")) {
            throw new IllegalArgumentException(source + ": not a dwimotion affines table (header 'volume m00 …')");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split("\t");
            if (f.length != 17 || !f[0].equals(Integer.toString(rows.size()))) {
                throw new IllegalArgumentException(source + ": line " + (i + 1) + " must be volume " + rows.size()
                        + " and 16 numbers");
            }
            double[] m = new double[16];
            for (int q = 0; q < 16; q++) {
                m[q] = number(f[q + 1], source, i + 1);
            }
            rows.add(m);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": the affines table has no rows");
        }
        return concat(rows);
    }

    /** Every {@code "key": [ … ]} array in file order, each of exactly {@code length} numbers. */
    static List<double[]> arrays(String text, String key, Path source, int length) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(text);
        List<double[]> out = new ArrayList<>();
        while (m.find()) {
            String[] f = m.group(1).split(",");
            if (f.length != length) {
                throw new IllegalArgumentException(source + ": \"" + key + "\" #" + (out.size() + 1) + " has "
                        + f.length + " values, expected " + length);
            }
            double[] a = new double[length];
            for (int i = 0; i < length; i++) {
                a[i] = number(f[i].trim(), source, -1);
            }
            out.add(a);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + ": no \"" + key + "\" array found");
        }
        return out;
    }

    private static double number(String s, Path source, int line) {
        if (!s.matches(NUMBER)) {
            throw new IllegalArgumentException(source + (line > 0 ? ": line " + line : "") + ": bad number '" + s
                    + "'");
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(source + ": non-finite number '" + s + "'");
        }
        return v;
    }

    private static double[] concat(List<double[]> parts) {
        int len = 0;
        for (double[] p : parts) {
            len += p.length;
        }
        double[] out = new double[len];
        int o = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
