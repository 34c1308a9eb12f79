package org.dwimotion.spark;

import org.dwimotion.spark.cli.EvaluateCommand;
import org.dwimotion.spark.cli.InfoCommand;
import org.dwimotion.spark.cli.RunCommand;
import org.dwimotion.spark.cli.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code dwimotion} command. Each subcommand is a small class of its own;
 * this class only wires them together.
 */
@Command(name = "dwimotion",
        mixinStandardHelpOptions = true,
        versionProvider = DwimotionVersion.class,
        description = "Leave-one-volume-out head-motion and eddy-current correction for diffusion MRI.",
        subcommands = {
                CommandLine.HelpCommand.class,
                EvaluateCommand.class,
                InfoCommand.class,
                RunCommand.class,
                SelfTestCommand.class,
                org.dwimotion.spark.cli.PredictCommand.class,
                SimulateCommand.class,
        })
public final class DwimotionCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests: no System.exit). */
    public static int execute(String... args) {
        return new CommandLine(new DwimotionCli()).execute(args);
    }
}
