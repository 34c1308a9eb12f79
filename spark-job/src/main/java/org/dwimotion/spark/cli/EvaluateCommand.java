package org.dwimotion.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dwimotion.eval.EvaluationReport;
import org.dwimotion.eval.EvaluationResult;
import org.dwimotion.eval.FolderEvaluation;
import org.dwimotion.eval.OffsetRemoval;
import org.dwimotion.eval.TransformFiles;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dwimotion evaluate}: scores a run's transforms against a simulation's truth (see docs/evaluate.md). Local
 * files only, no Spark. Exit code 0 on success, 1 with a one-line error on bad input.
 */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {"Compare estimated motion with the ground truth of a simulated series.",
                "Prints per-class displacement errors and writes evaluation.json and evaluation.tsv."})
public final class EvaluateCommand implements Callable<Integer> {
    public static final String JSON = "evaluation.json";
    public static final String TSV = "evaluation.tsv";

    @Spec
    CommandSpec spec;

    @Option(names = "--truth", required = true, paramLabel = "DIR",
            description = "Folder written by 'dwimotion simulate' (motion_truth.json, dwi.bval/bvec, mask.nii.gz).")
    Path truth;

    @Option(names = "--result", required = true, paramLabel = "DIR|FILE",
            description = "Output folder of 'dwimotion run' (its *_desc-hmc_affines.tsv, else transforms.json), "
                    + "or such a file.")
    Path result;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Where to write the JSON report (the TSV goes next to it, .tsv). Default: "
                    + "evaluation.json and evaluation.tsv in the result folder (or next to a result file).")
    Path report;

    @Option(names = "--mask", paramLabel = "FILE",
            description = "Mask to measure over, on the truth grid. Default: the truth's mask.nii.gz.")
    Path mask;

    @Option(names = "--offset", paramLabel = "MODE", defaultValue = "median",
            description = "Common offset removal: median (over all volumes), reference (the reference volume's) "
                    + "or none. Default: ${DEFAULT-VALUE}.")
    String offset;

    @Mixin
    B0ThresholdOption b0Option;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            EvaluationResult r = FolderEvaluation.evaluate(truth, result, mask, OffsetRemoval.parse(offset),
                    b0Option.value());
            Path json = report != null ? report : (Files.isDirectory(result) ? result : result.toAbsolutePath().getParent()).resolve(JSON);
            String name = json.getFileName().toString();
            Path tsv = json.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name)
                    + ".tsv");
            Storage storage = Locations.storage();
            write(storage, json, EvaluationReport.json(r, truth.toString(), TransformFiles.findResult(result).toString()));
            write(storage, tsv, EvaluationReport.tsv(r));
            out.print(EvaluationReport.table(r));
            out.println("report: " + json + " and " + tsv);
            out.flush();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            out.flush();
            err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return 1;
        }
    }

    private static void write(Storage storage, Path file, String text) throws IOException {
        storage.writeAtomically(file.toString(), o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
