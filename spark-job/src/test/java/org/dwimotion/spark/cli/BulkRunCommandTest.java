package org.dwimotion.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.dwimotion.spark.DwimotionCli;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** Argument checks of {@code dwimotion run --bids}: refused before any Spark session starts (exit 1). */
class BulkRunCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DwimotionCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void bidsExcludesSingleSeriesInputsAndNeedsValidOptions() {
        String[] r = run("run", "--bids", "/d", "--dwi", "/d/x.nii.gz", "--output", "/o");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--dwi, --bval, --bvec and --mask cannot be combined"), r[2]);
        r = run("run", "--output", "/o");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("give --dwi (one series) or --bids (a whole dataset)"), r[2]);
        r = run("run", "--bids", "/d", "--output", "/o", "--concurrent-series", "0");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--concurrent-series 0"), r[2]);
        r = run("run", "--help");
        assertTrue(r[1].contains("--participant-label") && r[1].contains("--overwrite")
                && !r[1].contains("--heap-sample-after-gc"), r[1]);
    }

    /** Without --bids these options would do nothing; the run refuses them instead of looking like it obeyed. */
    @Test
    void oneSeriesRunRefusesDatasetOptions() {
        for (List<String> bidsOnly : List.of(List.of("--concurrent-series", "4"),
                List.of("--participant-label", "01"), List.of("--overwrite"))) {
            List<String> args = new ArrayList<>(List.of("run", "--dwi", "/nonexistent/x.nii.gz", "--output", "/o"));
            args.addAll(bidsOnly);
            String[] r = run(args.toArray(String[]::new));
            assertEquals("1", r[0], args.toString());
            assertTrue(r[2].contains(bidsOnly.get(0) + " applies to a --bids run only"), r[2]);
        }
    }
}
