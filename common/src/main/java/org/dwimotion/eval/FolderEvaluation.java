package org.dwimotion.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Image3D;
import org.dwimotion.io.nifti.NiftiReader;

/**
 * Evaluates a result folder against a simulation folder of {@code dwimotion simulate}: reads the truth
 * ({@code motion_truth.json}), the b-values ({@code dwi.bval}/{@code dwi.bvec}), the true brain mask
 * ({@code mask.nii.gz}, or another mask on the same grid) and the estimate ({@link TransformFiles#readResult}), then
 * runs {@link MotionEvaluation}.
 */
public final class FolderEvaluation {
    private FolderEvaluation() {
    }

    /**
     * @param truthDir    folder written by {@code dwimotion simulate}
     * @param result      result folder of {@code dwimotion run}, or a transforms file
     * @param mask        mask to measure over, or null for {@code truthDir/mask.nii.gz}
     * @param offset      common-offset removal
     * @param b0Threshold b at or below this is a b=0 volume, s/mm²
     * @throws IllegalArgumentException naming the files on missing files or mismatched volume counts
     */
    public static EvaluationResult evaluate(Path truthDir, Path result, Path mask, OffsetRemoval offset,
                                            double b0Threshold) throws IOException {
        if (!Files.isDirectory(truthDir)) {
            throw new IllegalArgumentException(truthDir + ": no such truth folder (written by dwimotion simulate)");
        }
        TransformFiles.Truth truth = TransformFiles.readTruth(truthDir);
        double[] estimate = TransformFiles.readResult(result);
        Path resultFile = TransformFiles.findResult(result);
        GradientTable table = GradientTable.read(truthDir.resolve("dwi.bval").toString(),
                truthDir.resolve("dwi.bvec").toString()).withB0Threshold(b0Threshold);
        int n = truth.transforms().length / 16;
        if (estimate.length / 16 != n || table.size() != n) {
            throw new IllegalArgumentException(String.format("volume counts differ: %d transforms in %s, %d in %s, "
                    + "%d b-values in %s", n, truth.source(), estimate.length / 16, resultFile, table.size(),
                    truthDir.resolve("dwi.bval")));
        }
        Path maskFile = mask != null ? mask : truthDir.resolve("mask.nii.gz");
        if (!Files.isRegularFile(maskFile)) {
            throw new IllegalArgumentException(maskFile + ": no such mask file");
        }
        Image3D m = NiftiReader.readVolume(maskFile.toString(), 0);
        try {
            return new MotionEvaluation(m.geometry(), m, truth.centre(), offset).evaluate(truth.transforms(), estimate,
                    table.shells(), table.bvals());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(resultFile + " against " + truth.source() + " over " + maskFile + ": "
                    + e.getMessage(), e);
        }
    }
}
