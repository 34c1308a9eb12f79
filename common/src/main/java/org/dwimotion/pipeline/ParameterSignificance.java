package org.dwimotion.pipeline;

/**
 * The split-half test of a shell's offset, one rigid parameter at a time ({@link ShellAlignment}): parameter j of the
 * whole shell's offset is kept when {@code |p_j| > k·|a_j − b_j|/2} (a_j, b_j the two half-shell offsets' values), and
 * set to 0 otherwise. Parameters {@code [tx, ty, tz, rx, ry, rz]} about the grid's field-of-view centre, mm and
 * radians (each compared with itself, so the units do not mix).
 *
 * <p>Why per parameter: on the accuracy series the two halves (alternate volumes, 10 directions each) disagree
 * almost only about y, the phantom's fibre axis (seed 1: b=1000 −1.12° against +0.51°, b=3000 +2.91° against
 * −2.77°; a half-shell mean over half the directions carries a fibre-orientation pattern), while they agree about
 * the real common rotation about z (0.25° / 0.20°, 0.34° / 0.22°). A test on the whole offset's size
 * ({@link OffsetSignificance}) rejects it whole; this one keeps the component the halves agree on.
 *
 * @param full  the whole shell's offset parameters (6)
 * @param halfA half A's (6)
 * @param halfB half B's (6)
 * @param k     the threshold in noise units (noise of parameter j: |a_j − b_j|/2, as in {@link OffsetSignificance})
 */
public record ParameterSignificance(double[] full, double[] halfA, double[] halfB, double k) {
    /** Copies the arrays (6 values each). */
    public ParameterSignificance {
        if (full.length != 6 || halfA.length != 6 || halfB.length != 6 || !(k >= 0)) {
            throw new IllegalArgumentException("6 rigid parameters each and k >= 0 expected");
        }
        full = full.clone();
        halfA = halfA.clone();
        halfB = halfB.clone();
    }

    /** Whether each parameter passes (strictly above k noise units, so a zero value never passes). */
    public boolean[] kept() {
        boolean[] out = new boolean[6];
        for (int j = 0; j < 6; j++) {
            out[j] = Math.abs(full[j]) > k * Math.abs(halfA[j] - halfB[j]) / 2;
        }
        return out;
    }

    /** The whole shell's parameters with those that do not pass set to 0. */
    public double[] gated() {
        boolean[] keep = kept();
        double[] out = new double[6];
        for (int j = 0; j < 6; j++) {
            out[j] = keep[j] ? full[j] : 0;
        }
        return out;
    }

    /** Whether any parameter passes. */
    public boolean any() {
        for (boolean b : kept()) {
            if (b) {
                return true;
            }
        }
        return false;
    }
}
