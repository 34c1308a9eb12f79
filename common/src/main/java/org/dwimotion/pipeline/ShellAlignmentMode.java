package org.dwimotion.pipeline;

import org.dwimotion.CliNames;

/**
 * Whether each diffusion-weighted shell is aligned to the b=0 volumes after the last iteration
 * ({@code dwimotion run --shell-alignment}; docs/accuracy.md "Shell alignment to b=0 (PEAS)").
 * <ul>
 *   <li>{@link #MI}: the mean of each shell (motion-corrected) is registered rigidly to the mean b=0 image by mutual
 *       information, and the offset found is composed into every volume of that shell ({@link ShellAlignment};
 *       FSL eddy's post-eddy alignment of shells), each rigid parameter only where the shell's two halves agree on
 *       it ({@link ParameterSignificance}). LOVO cannot see an offset common to all volumes of a shell.</li>
 *   <li>{@link #NONE}: the transforms of the last iteration are the result.</li>
 * </ul>
 */
public enum ShellAlignmentMode {
    MI, NONE;

    /** Parses {@code mi|none} (case-insensitive). */
    public static ShellAlignmentMode parse(String name) {
        return CliNames.parse(values(), name, "unknown shell alignment '" + name + "'");
    }

    /** The command-line spelling. */
    public String cliName() {
        return CliNames.of(this);
    }
}
