package org.dwimotion.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.dwimotion.spark.testing.SparkHomeLocator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shipped {@code conf/dwimotion-defaults.properties} against {@code dwimotion run}'s options: every key names
 * an option, and its value is the option's built-in default, so the file documents the defaults and removing a line
 * changes nothing. Every processing option with a built-in default is listed (the {@code --bids}-only options are
 * not).
 */
class RunDefaultsFileTest {

    /** From spark-job/ (surefire's working directory) or, run from an IDE, from the repository root. */
    private static final Path FILE = Files.isRegularFile(SparkHomeLocator.repoRoot().resolve(RunDefaults.RELATIVE))
            ? SparkHomeLocator.repoRoot().resolve(RunDefaults.RELATIVE) : RunDefaults.RELATIVE.toAbsolutePath();

    @Test
    void everyKeyIsAnOptionOfRunWithItsBuiltInDefault() throws Exception {
        assertTrue(Files.isRegularFile(FILE), "no " + FILE);
        Properties values = new Properties();
        try (Reader r = Files.newBufferedReader(FILE, StandardCharsets.UTF_8)) {
            values.load(r);
        }
        // annotated defaults only: a provider that returns null leaves picocli with the annotations' defaultValue
        CommandLine builtIn = new CommandLine(new RunCommand()).setDefaultValueProvider(arg -> null);
        builtIn.parseArgs("--output", "o");
        CommandLine fromFile = new CommandLine(new RunCommand()).setDefaultValueProvider(new RunDefaults(FILE));
        fromFile.parseArgs("--output", "o");
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(values.stringPropertyNames())) {
            OptionSpec option = builtIn.getCommandSpec().findOption("--" + key);
            if (option == null) {
                problems.add(key + ": no such option of dwimotion run");
                continue;
            }
            Object expected = option.getValue();
            Object got = fromFile.getCommandSpec().findOption("--" + key).getValue();
            if (!String.valueOf(expected).equals(String.valueOf(got))) {
                problems.add(key + " = " + values.getProperty(key).trim() + ", but the built-in default is "
                        + option.defaultValue());
            }
        }
        Set<String> bulkOnly = new TreeSet<>();
        builtIn.getCommandSpec().mixins().get("bulk").options().forEach(o -> bulkOnly.add(o.longestName()));
        for (OptionSpec o : builtIn.getCommandSpec().options()) {
            if (o.defaultValue() != null && !bulkOnly.contains(o.longestName()) && !o.usageHelp() && !o.versionHelp()
                    && !values.containsKey(o.longestName().substring(2))) {
                problems.add(o.longestName() + " (default " + o.defaultValue() + ") is missing from " + FILE);
            }
        }
        assertEquals(List.of(), problems);
    }
}
