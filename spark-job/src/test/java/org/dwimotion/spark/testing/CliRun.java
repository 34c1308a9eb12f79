package org.dwimotion.spark.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dwimotion.spark.DwimotionCli;

/**
 * Runs the {@code dwimotion} command line in-process and captures what it prints, for command tests.
 * System.out/err are swapped for the call only (picocli writes through them), so tests using it must not run
 * concurrently with other output-capturing tests in the same JVM (surefire runs classes one at a time here).
 */
public final class CliRun {
    private CliRun() {
    }

    /** Exit code and captured output of one command-line run. */
    public record Result(int code, String out, String err) {
    }

    public static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = DwimotionCli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Asserts that {@code text} contains every part, showing the whole text when one is missing. */
    public static void assertContains(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), "expected '" + p + "' in:\n" + text);
        }
    }
}
