package org.dwimotion.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dwimotion.eval.EvaluationReport;
import org.dwimotion.eval.TransformFiles;
import org.dwimotion.spark.DwimotionCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    /** Simulates a tiny series with motion and returns its folder. */
    private static Path simulate(Path tmp) {
        Path sim = tmp.resolve("sim");
        assertEquals(0, DwimotionCli.execute("simulate", "--output", sim.toString(), "--shape", "20,24,20",
                "--voxel", "6", "--shells", "1000,2000", "--directions", "8", "--b0", "2", "--seed", "5"));
        return sim;
    }

    @Test
    void truthAgainstItselfIsZeroAndTheReportsAreWritten(@TempDir Path tmp) throws Exception {
        Path sim = simulate(tmp);
        Path result = Files.createDirectories(tmp.resolve("result"));
        Files.writeString(result.resolve("transforms.json"), TransformFiles.jobJson(
                TransformFiles.readTruth(sim).transforms(), "fixed_to_moving: the truth itself"));
        int code = DwimotionCli.execute("evaluate", "--truth", sim.toString(), "--result", result.toString());
        assertEquals(0, code);
        List<String> tsv = Files.readAllLines(result.resolve("evaluation.tsv"));
        assertEquals(EvaluationReport.TSV_HEADER, tsv.get(0));
        assertEquals(List.of("b0", "b1000", "b2000", "all"), tsv.stream().skip(1).map(l -> l.split("\t")[0]).toList());
        for (String line : tsv.subList(1, tsv.size())) {
            String[] f = line.split("\t");
            for (int c = 3; c < f.length; c++) {
                assertEquals(0, Double.parseDouble(f[c]), 1e-5, line);
            }
        }
        String json = Files.readString(result.resolve("evaluation.json"));
        assertTrue(json.contains("\"offset_removal\": \"median\"") && json.contains("\"volumes\": ["), json);

        Path report = tmp.resolve("reports/ours.json");
        Files.createDirectories(report.getParent());
        assertEquals(0, DwimotionCli.execute("evaluate", "--truth", sim.toString(), "--result",
                result.resolve("transforms.json").toString(), "--report", report.toString(), "--offset", "reference"));
        assertTrue(Files.isRegularFile(report) && Files.isRegularFile(tmp.resolve("reports/ours.tsv")));
    }

    @Test
    void aMissingResultIsOneLineNamingIt(@TempDir Path tmp) {
        Path sim = simulate(tmp);
        Path empty = tmp.resolve("empty");
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = DwimotionCli.execute("evaluate", "--truth", sim.toString(), "--result", empty.toString());
        } finally {
            System.setErr(saved);
        }
        assertEquals(1, code);
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.startsWith("error: ") && msg.contains(empty.toString()), msg);
        assertFalse(Files.exists(empty));
    }
}
