package org.dwimotion.pipeline;

/**
 * The split-half test of a shell's offset ({@link ShellAlignment}): is the offset found for the whole shell larger
 * than its own registration noise? Sizes are mean displacements over the brain mask, mm.
 *
 * <p>Why: where a shell has no real offset against the b=0 volumes, the mutual-information registration of its mean
 * still returns one (noise, and the fibre-orientation pattern of a shell mean over few directions), and applying it
 * makes the shell worse (docs/accuracy.md, "Shell alignment to b=0 (PEAS)"). The shell is split into two halves of
 * alternate volumes, each half's mean is registered too, and the mean displacement d between the two half offsets
 * estimates the noise: each half's offset has noise σ_h, so d ≈ √2·σ_h, while the whole shell's (twice the volumes)
 * has σ_h/√2 ≈ d/2. The offset is applied when its own mean displacement exceeds k·d/2 (a hard gate: simple, and an
 * offset that passes is applied whole, as without the test).
 *
 * <p>Measured (docs/accuracy.md, "Split-half significance test"): on the accuracy series the halves (10 directions
 * each) disagree by 0.7–4 mm, far more than the whole shell's offsets (0.1–0.3 mm) and than the registration noise
 * found for 20-volume means, because a half-shell mean over half the directions carries a stronger fibre-orientation
 * pattern than the whole shell: d/2 overestimates the whole shell's noise, and at k = 2 every multi-shell offset
 * was rejected, seed 1's real one included. The halves disagree almost only about y (the phantom's fibre axis), so
 * the job tests each rigid parameter instead ({@link ParameterSignificance}); this record is still computed and
 * logged.
 *
 * @param offsetMm       mean displacement of the whole shell's offset, mm
 * @param disagreementMm d, mean displacement between the two half-shell offsets, mm
 * @param k              the threshold in noise units
 */
public record OffsetSignificance(double offsetMm, double disagreementMm, double k) {
    /** k = 2: about a two-sigma test (the value measured, and the default of the per-parameter test). */
    public static final double TWO_SIGMA = 2.0;

    /** The test for these sizes (mm) and threshold. */
    public static OffsetSignificance of(double offsetMm, double disagreementMm, double k) {
        if (!(offsetMm >= 0) || !(disagreementMm >= 0) || !(k >= 0)) {
            throw new IllegalArgumentException("offset " + offsetMm + ", disagreement " + disagreementMm + ", k " + k
                    + ": must be >= 0 (not NaN)");
        }
        return new OffsetSignificance(offsetMm, disagreementMm, k);
    }

    /** The whole shell's offset noise, d/2, mm. */
    public double noiseMm() {
        return disagreementMm / 2;
    }

    /** The offset in noise units (infinite for a zero noise estimate and a nonzero offset, 0 for both zero). */
    public double ratio() {
        return offsetMm == 0 ? 0 : offsetMm / noiseMm();
    }

    /** Whether the offset exceeds k noise units (strictly, so a zero offset never passes). */
    public boolean significant() {
        return offsetMm > k * noiseMm();
    }
}
