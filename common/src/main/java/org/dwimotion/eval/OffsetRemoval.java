package org.dwimotion.eval;

import org.dwimotion.CliNames;

/** How {@link MotionEvaluation} removes the offset between the estimate's reference space and the truth's. */
public enum OffsetRemoval {
    /**
     * The rigid transform nearest to the element-wise median, over all volumes, of the per-volume discrepancies
     * {@code D_v = T_est,v⁻¹ · T_true,v} (default): robust to a few failed volumes, and independent of how well any
     * single volume was estimated.
     */
    MEDIAN,
    /** The discrepancy of the reference volume alone: its error becomes exactly 0 and spreads to every other volume. */
    REFERENCE,
    /** No offset removal: the estimate must be expressed in the truth's reference space. */
    NONE;

    /** Parses a command-line name ({@code median}, {@code reference}, {@code none}), case-insensitive. */
    public static OffsetRemoval parse(String name) {
        return CliNames.parse(values(), name, "--offset " + name);
    }

    public String cliName() {
        return CliNames.of(this);
    }
}
