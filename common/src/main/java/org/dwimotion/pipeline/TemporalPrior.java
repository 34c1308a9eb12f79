package org.dwimotion.pipeline;

import org.dwimotion.CliNames;

/**
 * What fixes the part of the motion estimates that the leave-one-volume-out registration cannot see
 * ({@code dwimotion run --temporal-prior}; docs/accuracy.md "Temporal smoothing of the hidden component").
 * <ul>
 *   <li>{@link #SMOOTH}: after every DTI/DKI iteration, the component of each rigid parameter's trajectory that
 *       lies in the column space of that iteration's design is replaced by the temporally smoothest one
 *       ({@link HiddenMotionSmoothing}, first differences, Tukey weights, ridge 0.1); after DTI warm-ups, a DKI
 *       iteration's correction blends the DTI-span and DKI-span ones by b-value
 *       ({@link HiddenMotionSmoothing#applyAfter}). Other models: no change.</li>
 *   <li>{@link #NONE}: that component keeps the value of the start ({@link InitialMotion}).</li>
 * </ul>
 */
public enum TemporalPrior {
    SMOOTH, NONE;

    /** Parses {@code smooth|none} (case-insensitive). */
    public static TemporalPrior parse(String name) {
        return CliNames.parse(values(), name, "unknown temporal prior '" + name + "'");
    }

    /** The command-line spelling. */
    public String cliName() {
        return CliNames.of(this);
    }
}
