package org.dwimotion.spark.cli;

import org.dwimotion.Conventions;
import picocli.CommandLine.Option;

/**
 * The {@code --b0-threshold} option, shared (as a picocli mixin) by every command that reads a gradient table, so
 * that its name, default and help text cannot drift between commands. Units: s/mm².
 */
public final class B0ThresholdOption {

    @Option(names = "--b0-threshold", paramLabel = "B", defaultValue = "" + Conventions.DEFAULT_B0_THRESHOLD,
            description = "Volumes with b <= B s/mm^2 are b=0 volumes. Default: ${DEFAULT-VALUE}.")
    double b0Threshold;

    /** @return the threshold as given (commands and {@code RunConfig} reject negative or non-finite values) */
    public double value() {
        return b0Threshold;
    }
}
