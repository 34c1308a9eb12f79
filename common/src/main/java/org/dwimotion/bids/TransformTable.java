package org.dwimotion.bids;

import java.util.Locale;

/**
 * All N transforms of a series in one TSV ({@code _desc-hmc_affines.tsv}): a header
 * {@code volume m00 m01 m02 m03 m10 … m33}, then one row per volume with the 4×4 fixed → moving affine in world
 * RAS mm, row-major ({@code m_rc} = row r, column c), each number the shortest decimal that reads back to the
 * same double. Volume v's reference point x (homogeneous, RAS mm) lies at {@code M·x} in the observed volume v.
 */
public final class TransformTable {
    private TransformTable() {
    }

    /** @param transforms N×16 row-major, flattened. Not modified. */
    public static String tsv(double[] transforms) {
        StringBuilder b = new StringBuilder("volume");
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                b.append("\tm").append(r).append(c);
            }
        }
        b.append('\n');
        for (int v = 0; v < transforms.length / 16; v++) {
            b.append(v);
            for (int q = 0; q < 16; q++) {
                b.append('\t').append(Json.number(transforms[16 * v + q]).toLowerCase(Locale.ROOT));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Reads {@link #tsv} text back.
     *
     * @return N×16 flattened
     * @throws IllegalArgumentException naming the source and line on a malformed table
     */
    public static double[] parse(String text, String source) {
        String[] lines = text.split("\\r?\\n");
        if (lines.length == 0 || !lines[0].startsWith("volume\tm00")) {
            throw new IllegalArgumentException(source + ": not a dwimotion affines table (header 'volume m00 …')");
        }
        int n = 0;
        while (n + 1 < lines.length && !lines[n + 1].isBlank()) {
            n++;
        }
        double[] out = new double[16 * n];
        for (int v = 0; v < n; v++) {
            String[] f = lines[v + 1].split("\t");
            if (f.length != 17 || !f[0].equals(Integer.toString(v))) {
                throw new IllegalArgumentException(source + ": line " + (v + 2) + " must be volume " + v
                        + " and 16 numbers");
            }
            for (int q = 0; q < 16; q++) {
                try {
                    out[16 * v + q] = Double.parseDouble(f[q + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + ": line " + (v + 2) + ": bad number " + f[q + 1], e);
                }
            }
        }
        return out;
    }
}
