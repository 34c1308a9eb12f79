package org.dwimotion.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dwimotion.gradients.PhaseEncoding;
import org.dwimotion.model.FitMethod;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.pipeline.IterationPlan;
import org.dwimotion.spark.bulk.BulkConfig;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.spark.DwimotionCli;
import org.dwimotion.spark.job.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line of {@code dwimotion run}: help with defaults, the defaults file, option errors. */
class RunCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new DwimotionCli());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void helpExplainsEveryOptionWithItsDefault() {
        String[] r = run("run", "--help");
        assertEquals("0", r[0]);
        String help = r[1].replaceAll("\\s+", " ");
        for (String s : new String[] {"--dwi", "--bval", "--bvec", "--mask", "--output", "--model", "--fit",
                "--transform", "--iterations", "--chunk-voxels", "--master", "--seed", "Default: auto",
                "Default: wls", "Default: rigid", "4 with --transform affine",
                "DTI iterations until one moves the estimates", "Default: 1000"}) {
            assertTrue(help.contains(s), () -> "help lacks " + s + ":\n" + r[1]);
        }
    }

    @Test
    void defaultsFileIsReadAndFlagsWin(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("d.properties");
        Files.writeString(f, "iterations = 5\nchunk-voxels = 64\n");
        RunDefaults d = new RunDefaults(f);
        CommandLine cl = new CommandLine(new RunCommand()).setDefaultValueProvider(d);
        cl.parseArgs("--dwi", "x.nii.gz", "--output", "o", "--iterations", "3");
        RunCommand c = cl.getCommand();
        assertEquals("3", c.iterations);
        assertEquals(64, c.chunkVoxels);
        assertEquals("auto", c.model);
    }

    @Test
    void iterationsAutoFollowsTheSeriesModelAndTransform() {
        assertEquals(RunConfig.AUTO_ITERATIONS, RunConfig.iterations("AUTO"));
        RunConfig rigid = config(TransformType.RIGID, RunConfig.iterations("auto"));
        assertEquals(IterationPlan.auto(LovoModelType.DKI, TransformType.RIGID, 2.5),
                rigid.iterationPlan(LovoModelType.DKI, 2.5));
        assertTrue(rigid.iterationPlan(LovoModelType.DTI, 2.5).converging());
        assertEquals(IterationPlan.fixed(LovoModelType.B0, 2), rigid.iterationPlan(LovoModelType.B0, 2.5));
        assertEquals("auto", rigid.iterationsOption());
        assertTrue(rigid.commandLine().contains("--iterations auto"), rigid.commandLine());
        RunConfig affine = config(TransformType.AFFINE, RunConfig.AUTO_ITERATIONS);
        assertEquals(IterationPlan.fixed(LovoModelType.DKI, 4), affine.iterationPlan(LovoModelType.DKI, 2.5));
        RunConfig three = config(TransformType.RIGID, RunConfig.iterations("3"));
        assertEquals(IterationPlan.fixed(LovoModelType.DKI, 3), three.iterationPlan(LovoModelType.DKI, 2.5),
                "a number wins");
        assertEquals("3", three.iterationsOption());
        CommandLine cl = new CommandLine(new RunCommand());
        cl.parseArgs("--dwi", "x.nii.gz", "--output", "o", "--transform", "affine");
        assertEquals("auto", ((RunCommand) cl.getCommand()).iterations, "the option's default");
        assertThrows(IllegalArgumentException.class, () -> RunConfig.iterations("2.5"));
        assertThrows(IllegalArgumentException.class, () -> config(TransformType.RIGID, -1));
        assertThrows(IllegalArgumentException.class, () -> config(TransformType.RIGID, 21));
    }

    private static RunConfig config(TransformType transform, int iterations) {
        return new RunConfig("x.nii.gz", null, null, null, "o", "auto", FitMethod.WLS, transform, iterations, 100,
                0L, 50);
    }

    @Test
    void badOptionValuesGiveExitOneWithAMessage() {
        String[] r = run("run", "--dwi", "x.nii.gz", "--output", "o", "--fit", "lsq");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("lsq"), r[2]);
        String[] t = run("run", "--dwi", "x.nii.gz", "--output", "o", "--iterations", "0");
        assertEquals("1", t[0]);
        assertTrue(t[2].contains("--iterations 0: must be auto or a number 1 … 20"), t[2]);
        String[] u = run("run", "--dwi", "x.nii.gz", "--output", "o", "--iterations", "many");
        assertEquals("1", u[0]);
        assertTrue(u[2].contains("--iterations many: must be auto or a number"), u[2]);
        String[] p = run("run", "--dwi", "x.nii.gz", "--output", "o", "--phase-encoding", "y");
        assertEquals("1", p[0]);
        assertTrue(p[2].contains("--phase-encoding") && p[2].contains("'y'"), p[2]);
    }

    @Test
    void phaseEncodingGivenOnTheCommandLineWinsOverASidecarInBulkRuns() {
        CommandLine cl = new CommandLine(new DwimotionCli());
        CommandLine.ParseResult parsed = cl.parseArgs("run", "--dwi", "x.nii.gz", "--output", "o",
                "--transform", "affine", "--phase-encoding", "i-");
        RunCommand c = (RunCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals("i-", c.phaseEncoding);
        RunConfig given = new RunConfig("x.nii.gz", null, null, null, "o", "auto", FitMethod.WLS,
                TransformType.AFFINE, 2, 1000, 0L, 50).withPhaseEncoding(new PhaseEncoding("i-", "--phase-encoding"));
        assertTrue(given.commandLine().endsWith("--phase-encoding i-"), given.commandLine());
        PhaseEncoding sidecar = new PhaseEncoding("k", "dwi.json");
        BulkConfig bulk = new BulkConfig("bids", "out", List.of(), 1, false, false, given);
        assertEquals("i-", bulk.forSeries("a.nii.gz", null, null, "f", sidecar).phaseEncoding().code());
        BulkConfig fromSidecars = new BulkConfig("bids", "out", List.of(), 1, false, false,
                given.withPhaseEncoding(null));
        assertEquals(sidecar, fromSidecars.forSeries("a.nii.gz", null, null, "f", sidecar).phaseEncoding());
        assertEquals(null, fromSidecars.forSeries("a.nii.gz", null, null, "f", null).phaseEncoding());
    }

    /** One FD threshold for a series' own outputs and, with --bids, the group table and the completion fingerprint. */
    @Test
    void fdThresholdReachesTheSeriesAndTheGroupTable() {
        CommandLine cl = new CommandLine(new DwimotionCli());
        RunCommand c = (RunCommand) cl.parseArgs("run", "--dwi", "x.nii.gz", "--output", "o", "--fd-threshold", "0.3")
                .subcommand().commandSpec().userObject();
        assertEquals(0.3, c.fdThreshold, 0);
        RunConfig given = new RunConfig("x.nii.gz", null, null, null, "o", "auto", FitMethod.WLS,
                TransformType.RIGID, 2, 1000, 0L, 50).withFdThreshold(c.fdThreshold);
        assertTrue(given.commandLine().endsWith("--fd-threshold 0.3"), given.commandLine());
        BulkConfig bulk = new BulkConfig("bids", "out", List.of(), 1, false, false, given);
        assertEquals(0.3, bulk.fdThreshold(), 0);
        assertEquals(0.3, bulk.forSeries("a.nii.gz", null, null, "f", null).fdThresholdMm(), 0);
        assertEquals("0.3", bulk.resultOptions().get("fd_threshold"));
        assertThrows(IllegalArgumentException.class, () -> given.withFdThreshold(0));
    }

    /** The bulk root's equivalent command line parses back to the same selection and options. */
    @Test
    void bulkCommandLineParsesBackToTheSameRun() {
        RunConfig series = new RunConfig("", null, null, null, "out", "dti", FitMethod.OLS, TransformType.AFFINE, 4,
                500, 7L, 30).withPhaseEncoding(new PhaseEncoding("i-", "--phase-encoding")).withFdThreshold(0.3)
                .withTemporalPrior(org.dwimotion.pipeline.TemporalPrior.NONE);
        BulkConfig bulk = new BulkConfig("bids", "out", List.of("01", "sub-02"), 3, true, false, series);
        String line = bulk.commandLine();
        String[] words = line.split(" ");
        assertEquals("dwimotion", words[0], line);
        RunCommand c = (RunCommand) new CommandLine(new DwimotionCli())
                .parseArgs(java.util.Arrays.copyOfRange(words, 1, words.length)).subcommand().commandSpec()
                .userObject();
        assertEquals("bids", c.bulk.bids);
        assertEquals("out", c.output);
        assertEquals(List.of("01", "sub-02"), c.bulk.participantLabels);
        assertEquals(3, c.bulk.concurrentSeries);
        assertTrue(c.bulk.overwrite);
        assertEquals("dti", c.model);
        assertEquals("ols", c.fit);
        assertEquals("affine", c.transform);
        assertEquals("4", c.iterations);
        assertEquals(500, c.chunkVoxels);
        assertEquals(7L, c.seed);
        assertEquals("i-", c.phaseEncoding);
        assertEquals("none", c.temporalPrior);
        assertEquals(0.3, c.fdThreshold, 0);
    }

    @Test
    void commandLineForTheOutputsIsTheOneTypedQuotedForTheShell() {
        CommandLine cl = new CommandLine(new DwimotionCli());
        CommandLine.ParseResult parsed = cl.parseArgs("run", "--dwi", "my scan.nii.gz", "--output", "o",
                "--iterations", "3");
        RunCommand c = (RunCommand) parsed.subcommand().commandSpec().userObject();
        RunConfig config = new RunConfig(c.dwi, null, null, null, c.output, c.model, FitMethod.WLS,
                TransformType.RIGID, RunConfig.iterations(c.iterations), c.chunkVoxels, c.seed,
                c.b0Option.value());
        assertEquals("dwimotion run --dwi 'my scan.nii.gz' --output o --iterations 3", c.commandLine(config));
        assertEquals("dwimotion run --dwi 'my scan.nii.gz' --output o --model auto --fit wls --transform rigid "
                + "--iterations 3 --chunk-voxels 1000 --seed 0 --b0-threshold 50.0 --initial-motion b0 --temporal-prior smooth "
                + "--shell-alignment mi --fd-threshold 0.5",
                config.commandLine());
        assertEquals("a 'it'\\''s' ''", RunConfig.shellJoin(java.util.List.of("a", "it's", "")));
    }
}
