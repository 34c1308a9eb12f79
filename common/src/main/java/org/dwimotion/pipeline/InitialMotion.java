package org.dwimotion.pipeline;

import org.dwimotion.CliNames;

/**
 * Where a run's motion estimates start ({@code dwimotion run --initial-motion}).
 * <ul>
 *   <li>{@link #B0}: a first pass registers only the b=0 volumes (each to the mean of the other b=0 volumes) and
 *       every volume starts from their motion interpolated in file order ({@link B0MotionInterpolation}); the
 *       first LOVO iteration then fits on data aligned with it. Needs ≥ 2 b=0 volumes, else as {@link #NONE}.</li>
 *   <li>{@link #NONE}: every volume starts at the identity.</li>
 * </ul>
 */
public enum InitialMotion {
    B0, NONE;

    /** Parses {@code b0|none} (case-insensitive). */
    public static InitialMotion parse(String name) {
        return CliNames.parse(values(), name, "unknown initial motion '" + name + "'");
    }

    /** The command-line spelling. */
    public String cliName() {
        return CliNames.of(this);
    }
}
