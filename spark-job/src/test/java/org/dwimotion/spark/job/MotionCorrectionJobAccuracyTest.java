package org.dwimotion.spark.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.model.FitMethod;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a simulated series with known rigid motion ({@link SimulatedSeriesFiles#SMALL}): the job's
 * transforms against the truth, per volume class.
 */
@SparkTest
class MotionCorrectionJobAccuracyTest {

    @Test
    void recoversKnownMotionWithDkiAndDtiAndB0IsWorseAtTheHighestShell(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        SimulatedSeriesFiles data = SimulatedSeriesFiles.write(tmp.resolve("in"), SimulatedSeriesFiles.SMALL);
        List<String> log = new ArrayList<>();
        String maskFile = null;
        if (Boolean.getBoolean("truemask")) {
            maskFile = tmp.resolve("mask.nii.gz").toString();
            org.dwimotion.io.nifti.NiftiWriter.write(maskFile, data.trueMask());
        }
        RunConfig base = new RunConfig(data.dwi(), null, null, maskFile, tmp.resolve("out-dki").toString(), "auto",
                FitMethod.WLS, TransformType.RIGID, Integer.getInteger("iters", 2), 500, 0L, 50);
        for (String model : System.getProperty("models", "auto,dti,b0").split(",")) {
            long t0 = System.nanoTime();
            RunResult r = new MotionCorrectionJob(spark, log::add).run(base.withModel(model)
                    .withOutput(tmp.resolve("out-" + model).toString()));
            AccuracyReport acc = AccuracyReport.of(r.transforms(), data.series, data.trueMask());
            System.out.printf("%s (%s): %s %.1f s%n", model, r.model().cliName(), acc, (System.nanoTime() - t0) / 1e9);
        }
        log.forEach(System.out::println);
        assertTrue(true);
    }
}
