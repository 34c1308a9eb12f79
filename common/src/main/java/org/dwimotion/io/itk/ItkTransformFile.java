package org.dwimotion.io.itk;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.dwimotion.io.Storage;

/**
 * ITK text transform files ({@code .txt}, "Insight Transform File V1.0") holding one affine, as ANTs,
 * SimpleITK and nitransforms read and write them.
 *
 * <h2>Format written</h2>
 * <pre>
 * #Insight Transform File V1.0
 * #Transform 0
 * Transform: AffineTransform_double_3_3
 * Parameters: a00 a01 a02 a10 a11 a12 a20 a21 a22 tx ty tz
 * FixedParameters: cx cy cz
 * </pre>
 * ITK's {@code MatrixOffsetTransformBase} meaning: {@code T(x) = A·(x − c) + c + t}, with A row-major,
 * the translation t and the centre c in mm. ITK works in LPS+ physical space, dwimotion in RAS+
 * ({@link org.dwimotion.Conventions}): with {@code F = diag(−1, −1, 1)}, {@code A_LPS = F·A_RAS·F},
 * {@code t_LPS = F·t_RAS}, {@code c_LPS = F·c_RAS}. The transform keeps ITK's "fixed → moving" sense: it maps
 * a point of the reference (fixed) space to the corresponding point of the moving volume, which is what
 * {@code antsApplyTransforms -r reference -i moving -t file} needs to resample the moving volume onto the
 * reference. Numbers are written as Java's shortest round-trip decimal (17 significant digits at most),
 * which C++ streams and Python's {@code float} parse exactly.
 *
 * <h2>Format read</h2>
 * The same, with {@code AffineTransform} or {@code MatrixOffsetTransformBase}, {@code double} or
 * {@code float}, 3-D; the {@code #Transform 0} line is optional, blank lines and other {@code #} comments
 * are ignored. A file with several transforms, or another transform type, is refused with a message
 * naming it.
 */
public final class ItkTransformFile {
    /** The first line of every ITK text transform file. */
    public static final String MAGIC = "#Insight Transform File V1.0";

    private ItkTransformFile() {
    }

    /**
     * The file text of a RAS fixed → moving affine.
     *
     * @param rasMatrix 4×4 row-major, world RAS mm. Not modified.
     * @param rasCentre 3 values, the centre written as fixed parameters (RAS mm, e.g. the reference field-of-view
     *                  centre); the transform is the same whatever the centre. Not modified.
     */
    public static String text(double[] rasMatrix, double[] rasCentre) {
        checkMatrix(rasMatrix, "matrix");
        if (rasCentre == null || rasCentre.length != 3) {
            throw new IllegalArgumentException("centre must hold 3 values");
        }
        double[] m = rasToLps(rasMatrix);
        double[] c = {-rasCentre[0], -rasCentre[1], rasCentre[2]};
        double[] p = new double[12];
        for (int r = 0; r < 3; r++) {
            double ac = 0;
            for (int k = 0; k < 3; k++) {
                p[3 * r + k] = m[4 * r + k];
                ac += m[4 * r + k] * c[k];
            }
            // offset = t + c − A·c, so t = offset − c + A·c
            p[9 + r] = m[4 * r + 3] - c[r] + ac;
        }
        StringBuilder b = new StringBuilder(MAGIC).append('\n').append("#Transform 0\n")
                .append("Transform: AffineTransform_double_3_3\n").append("Parameters:");
        for (double v : p) {
            b.append(' ').append(number(v));
        }
        b.append("\nFixedParameters:");
        for (double v : c) {
            b.append(' ').append(number(v));
        }
        return b.append('\n').toString();
    }

    /** Writes {@link #text} atomically. */
    public static void write(Storage storage, String location, double[] rasMatrix, double[] rasCentre)
            throws IOException {
        byte[] bytes = text(rasMatrix, rasCentre).getBytes(StandardCharsets.US_ASCII);
        storage.writeAtomically(location, out -> out.write(bytes));
    }

    /** Reads a file written by dwimotion, ANTs or SimpleITK: the RAS fixed → moving 4×4 row-major. */
    public static double[] read(Storage storage, String location) throws IOException {
        String text;
        try {
            if (storage.length(location) > 1 << 20) {
                throw new ItkTransformFormatException(location, "is larger than 1 MiB, not a single affine transform");
            }
            try (InputStream in = storage.openRead(location)) {
                text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (NoSuchFileException | FileNotFoundException e) {
            FileNotFoundException f = new FileNotFoundException(location + ": no such file");
            f.initCause(e);
            throw f;
        }
        return parse(text, location);
    }

    /**
     * Parses the text of a single-affine ITK transform file.
     *
     * @param source named in error messages
     * @return the RAS fixed → moving 4×4 row-major
     * @throws ItkTransformFormatException on anything else
     */
    public static double[] parse(String text, String source) throws ItkTransformFormatException {
        String[] lines = text.split("\\r?\\n|\\r");
        if (lines.length == 0 || !lines[0].strip().equals(MAGIC)) {
            throw new ItkTransformFormatException(source, "does not start with '" + MAGIC + "'");
        }
        String type = null;
        double[] params = null, fixed = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                if (line.startsWith("#Transform") && !line.equals("#Transform 0")) {
                    throw new ItkTransformFormatException(source, "holds more than one transform ('" + line + "')");
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new ItkTransformFormatException(source, "line " + (i + 1) + " is not 'Key: values': " + line);
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "Transform" -> {
                    if (type != null) {
                        throw new ItkTransformFormatException(source, "holds more than one transform");
                    }
                    type = value;
                }
                case "Parameters" -> params = numbers(value, source, i + 1);
                case "FixedParameters" -> fixed = numbers(value, source, i + 1);
                default -> throw new ItkTransformFormatException(source, "unknown key '" + key + "' on line " + (i + 1));
            }
        }
        if (type == null || params == null || fixed == null) {
            throw new ItkTransformFormatException(source, "needs Transform, Parameters and FixedParameters lines");
        }
        if (!type.matches("(AffineTransform|MatrixOffsetTransformBase)_(double|float)_3_3")) {
            throw new ItkTransformFormatException(source, "transform type " + type + " is not supported "
                    + "(AffineTransform or MatrixOffsetTransformBase, 3-D)");
        }
        if (params.length != 12 || fixed.length != 3) {
            throw new ItkTransformFormatException(source, type + " needs 12 parameters and 3 fixed parameters, found "
                    + params.length + " and " + fixed.length);
        }
        double[] lps = new double[16];
        for (int r = 0; r < 3; r++) {
            double ac = 0;
            for (int k = 0; k < 3; k++) {
                lps[4 * r + k] = params[3 * r + k];
                ac += params[3 * r + k] * fixed[k];
            }
            lps[4 * r + 3] = params[9 + r] + fixed[r] - ac;
        }
        lps[15] = 1;
        return lpsToRas(lps);
    }

    /** F·M·F with F = diag(−1, −1, 1, 1): the same map with x and y negated on both sides. */
    public static double[] rasToLps(double[] m) {
        double[] f = {-1, -1, 1, 1};
        double[] out = new double[16];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                out[4 * r + c] = f[r] * m[4 * r + c] * f[c];
            }
        }
        return out;
    }

    /** The inverse of {@link #rasToLps} (the flip is its own inverse). */
    public static double[] lpsToRas(double[] m) {
        return rasToLps(m);
    }

    private static double[] numbers(String value, String source, int line) throws ItkTransformFormatException {
        if (value.isEmpty()) {
            return new double[0];
        }
        String[] tokens = value.split("\\s+");
        double[] out = new double[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            try {
                out[i] = Double.parseDouble(tokens[i]);
            } catch (NumberFormatException e) {
                throw new ItkTransformFormatException(source, "non-numeric value '" + tokens[i] + "' on line " + line);
            }
            if (!Double.isFinite(out[i])) {
                throw new ItkTransformFormatException(source, "non-finite value '" + tokens[i] + "' on line " + line);
            }
        }
        return out;
    }

    private static void checkMatrix(double[] m, String what) {
        if (m == null || m.length != 16) {
            throw new IllegalArgumentException(what + " must hold 16 values (4x4 row-major)");
        }
        for (double v : m) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " has a non-finite value");
            }
        }
    }

    /** Shortest round-trip decimal; integers without ".0", an exponent with a lower-case 'e'. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }
}
