package org.dwimotion.gradients;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dwimotion.io.Storage;

/**
 * Parses FSL {@code .bval}/{@code .bvec} text: numbers separated by whitespace or commas; a
 * {@code .bvec} is 3 rows of N (FSL's layout) or N rows of 3 (the b-value count decides; 3×3 is read
 * as 3×N). {@code nan}/{@code inf} are accepted in any case and judged by the caller.
 */
final class FslGradientFiles {
    /** Gradient files are tiny; anything larger is not one. */
    private static final long MAX_BYTES = 64L << 20;

    private FslGradientFiles() {
    }

    /** All numbers of a b-value file, in order (one line or one per line alike). */
    static double[] readBvals(Storage storage, String location) throws IOException {
        List<double[]> rows = readRows(storage, location);
        int n = 0;
        for (double[] r : rows) {
            n += r.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] r : rows) {
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        if (n == 0) {
            throw new GradientFormatException(location, "holds no b-values");
        }
        return out;
    }

    /**
     * The vectors of a b-vector file as N×3 row-major.
     *
     * @param n the number of b-values, used to tell 3×N from N×3
     */
    static double[] readBvecs(Storage storage, String location, int n) throws IOException {
        List<double[]> rows = readRows(storage, location);
        int[] counts = rows.stream().mapToInt(r -> r.length).toArray();
        double[] out = new double[3 * n];
        if (rows.size() == 3 && counts[0] == n && counts[1] == n && counts[2] == n) {
            for (int c = 0; c < 3; c++) {
                for (int v = 0; v < n; v++) {
                    out[3 * v + c] = rows.get(c)[v];
                }
            }
            return out;
        }
        if (rows.size() == n && Arrays.stream(counts).allMatch(c -> c == 3)) {
            for (int v = 0; v < n; v++) {
                System.arraycopy(rows.get(v), 0, out, 3 * v, 3);
            }
            return out;
        }
        String expected = n == 3 ? "3 rows of 3 values" : "3 rows of " + n + " values or " + n + " rows of 3 values";
        throw new GradientFormatException(location, "expected " + expected + " (one per b-value) but found "
                + rows.size() + " rows with " + summarise(counts) + " values");
    }

    private static String summarise(int[] counts) {
        int[] distinct = Arrays.stream(counts).distinct().toArray();
        return distinct.length == 1 ? String.valueOf(distinct[0]) : Arrays.toString(counts);
    }

    /** Non-empty lines as numbers. */
    private static List<double[]> readRows(Storage storage, String location) throws IOException {
        String text = readText(storage, location);
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\\r?\\n|\\r");
        for (int li = 0; li < lines.length; li++) {
            String line = lines[li].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] tokens = line.split("[\\s,]+");
            double[] row = new double[tokens.length];
            int m = 0;
            for (String tok : tokens) {
                if (tok.isEmpty()) {
                    continue;
                }
                row[m++] = parse(tok, location, li + 1);
            }
            rows.add(m == row.length ? row : Arrays.copyOf(row, m));
        }
        return rows;
    }

    private static double parse(String token, String location, int line) throws GradientFormatException {
        String t = token.toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                // Double.parseDouble accepts Java-only forms ("1f", "0x1p3"); require plain decimal numbers
                if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
                    throw new GradientFormatException(location, "non-numeric token '" + token + "' on line " + line);
                }
                return Double.parseDouble(t);
            }
        }
    }

    private static String readText(Storage storage, String location) throws IOException {
        try {
            long length = storage.length(location);
            if (length > MAX_BYTES) {
                throw new GradientFormatException(location, "is " + length + " bytes, too large for a gradient file");
            }
            try (InputStream in = storage.openRead(location)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException | FileNotFoundException e) {
            FileNotFoundException f = new FileNotFoundException(location + ": no such file");
            f.initCause(e);
            throw f;
        }
    }
}
