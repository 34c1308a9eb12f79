package org.dwimotion.spark.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiWriter;
import org.dwimotion.model.FitMethod;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per class of bad input: a clear message naming the file and the problem, and no output left. */
@SparkTest
class BadInputTest {
    @TempDir
    Path tmp;

    private Path writeSeries(int nt) throws Exception {
        ImageGeometry g = ImageGeometry.ofSpacing(16, 16, 16, 4, 4, 4);
        float[] data = new float[g.numVoxels() * nt];
        for (int i = 0; i < data.length; i++) {
            data[i] = 100 + (i * 7919 % 97);
        }
        Path dwi = tmp.resolve("dwi.nii.gz");
        NiftiWriter.write(dwi.toString(), g, nt, data, NiftiDataType.FLOAT32);
        return dwi;
    }

    private void sidecars(int n) throws Exception {
        StringBuilder b = new StringBuilder();
        StringBuilder x = new StringBuilder();
        for (int v = 0; v < n; v++) {
            b.append(v == 0 ? "0 " : "1000 ");
            x.append(v == 0 ? "0 " : "1 ");
        }
        Files.writeString(tmp.resolve("dwi.bval"), b + "\n");
        Files.writeString(tmp.resolve("dwi.bvec"), x + "\n" + x.toString().replace('1', '0') + "\n"
                + x.toString().replace('1', '0') + "\n");
    }

    private Exception runExpectingFailure(SparkSession spark, Path dwi) {
        Path out = tmp.resolve("out");
        RunConfig c = new RunConfig(dwi.toString(), null, null, null, out.toString(), "auto", FitMethod.WLS,
                TransformType.RIGID, 1, 100, 0L, 50);
        Exception e = assertThrows(Exception.class, () -> new MotionCorrectionJob(spark, l -> { }).run(c));
        assertFalse(Files.exists(out), "no output folder after a failure");
        assertFalse(PartitioningInvarianceTest.leftovers(tmp, "out.tmp-"), "no staging folder after a failure");
        return e;
    }

    @Test
    void missingSidecarNamesTheExpectedFiles(SparkSession spark) throws Exception {
        Path dwi = writeSeries(5);
        Exception e = runExpectingFailure(spark, dwi);
        assertTrue(e instanceof FileNotFoundException && e.getMessage().contains("dwi.bval"), e::getMessage);
    }

    @Test
    void countMismatchNamesBothFiles(SparkSession spark) throws Exception {
        Path dwi = writeSeries(5);
        sidecars(7);
        Exception e = runExpectingFailure(spark, dwi);
        assertTrue(e.getMessage().contains("7 gradients") && e.getMessage().contains("5 volumes")
                && e.getMessage().contains("dwi.nii.gz"), e::getMessage);
    }

    @Test
    void threeDimensionalInputIsRefused(SparkSession spark) throws Exception {
        Path dwi = writeSeries(1);
        sidecars(1);
        Exception e = runExpectingFailure(spark, dwi);
        assertTrue(e.getMessage().contains("dwi.nii.gz") && e.getMessage().contains("4-D"), e::getMessage);
    }

    @Test
    void emptyMaskIsRefusedAndLeavesNoUncompressedCopy(SparkSession spark) throws Exception {
        ImageGeometry g = ImageGeometry.ofSpacing(16, 16, 16, 4, 4, 4);
        Path dwi = tmp.resolve("dwi.nii.gz");
        NiftiWriter.write(dwi.toString(), g, 5, new float[g.numVoxels() * 5], NiftiDataType.FLOAT32);
        sidecars(5);
        Exception e = runExpectingFailure(spark, dwi);
        assertTrue(e.getMessage().contains("dwi.nii.gz") && e.getMessage().contains("mask"), e::getMessage);
        // in local mode the driver reads the mean b=0 through the tasks' uncompressed copy: gone after the failure
        Path copies = Path.of(SparkFiles.getRootDirectory(), "dwimotion-series");
        if (Files.isDirectory(copies)) {
            try (var files = Files.list(copies)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".nii")),
                        "no uncompressed copy left in " + copies);
            }
        }
    }

    @Test
    void existingOutputIsRefusedAndKept(SparkSession spark) throws Exception {
        Path dwi = writeSeries(5);
        sidecars(5);
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "x");
        RunConfig c = new RunConfig(dwi.toString(), null, null, null, out.toString(), "dti", FitMethod.WLS,
                TransformType.RIGID, 1, 100, 0L, 50);
        Exception e = assertThrows(IllegalArgumentException.class, () -> new MotionCorrectionJob(spark, l -> { }).run(c));
        assertTrue(e.getMessage().contains("already exists"), e::getMessage);
        assertTrue(Files.exists(out.resolve("keep.txt")));
    }
}
