package org.dwimotion.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.model.FitMethod;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a simulated series with known rigid motion ({@link SimulatedSeriesFiles#SMALL}: 24×28×24 at
 * 5 mm, b = 1000/3000 × 18 + 4 b=0, SNR 30, motion up to 2 mm / 2°), default options (2 iterations, WLS, rigid,
 * mask computed from the mean b=0): the job's transforms against the truth, per volume class (median over the
 * class's volumes of each volume's median in-mask displacement error).
 *
 * <p>Measured (see docs/job.md): b=0 0.17 mm; DKI b=1000 0.69 / b=3000 2.1 mm; DTI 0.63 / 0.47 mm; the b0 model
 * 6.8 / 23 mm. The target of 0.2 mm for every class is met for b=0 only: the diffusion-weighted classes
 * keep a common offset relative to the b=0 frame (see "Known limits" in docs/job.md). The bounds below guard
 * these figures against regressions, and the b0 model must stay clearly worse at the highest shell.
 */
@SparkTest
class MotionCorrectionJobAccuracyTest {

    @Test
    void recoversKnownMotionAndTheB0ModelIsWorseAtTheHighestShell(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        SimulatedSeriesFiles data = SimulatedSeriesFiles.write(tmp.resolve("in"), SimulatedSeriesFiles.SMALL);
        RunConfig base = new RunConfig(data.dwi(), null, null, null, "unused", "auto", FitMethod.WLS,
                TransformType.RIGID, 2, 500, 0L, 50);
        List<String> lines = new ArrayList<>();
        AccuracyReport dki = run(spark, base.withModel("auto").withOutput(tmp.resolve("dki").toString()), data,
                LovoModelType.DKI, lines);
        AccuracyReport dti = run(spark, base.withModel("dti").withOutput(tmp.resolve("dti").toString()), data,
                LovoModelType.DTI, lines);
        AccuracyReport b0 = run(spark, base.withModel("b0").withOutput(tmp.resolve("b0").toString()), data,
                LovoModelType.B0, lines);
        System.out.println("DKI: " + dki + "\nDTI: " + dti + "\nb0:  " + b0);

        for (AccuracyReport r : new AccuracyReport[] {dki, dti}) {
            assertTrue(r.median(0) <= 0.25, () -> "b=0 class: " + r);
            assertTrue(r.median(1000) <= 1.0, () -> "b=1000 class: " + r);
        }
        assertTrue(dti.median(3000) <= 1.0, () -> "DTI b=3000: " + dti);
        assertTrue(dki.median(3000) <= 3.0, () -> "DKI b=3000: " + dki);
        assertTrue(b0.median(3000) > 5 * dti.median(3000) && b0.median(3000) > 5 * dki.median(3000),
                () -> "the b0 model should be clearly worse at b=3000: " + b0);

        Path out = tmp.resolve("dki");
        for (String f : new String[] {MotionCorrectionJob.CORRECTED, MotionCorrectionJob.CORRECTED_BVAL,
                MotionCorrectionJob.CORRECTED_BVEC, MotionCorrectionJob.MASK, MotionCorrectionJob.TRANSFORMS,
                MotionCorrectionJob.MOTION, MotionCorrectionJob.SUMMARY}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        List<String> tsv = Files.readAllLines(out.resolve(MotionCorrectionJob.MOTION));
        assertEquals(41, tsv.size());
        assertTrue(tsv.get(0).startsWith("trans_x\ttrans_y\ttrans_z\trot_x\trot_y\trot_z\tframewise_displacement"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("volumes registered 40/40")), "progress lines");
    }

    private static AccuracyReport run(SparkSession spark, RunConfig c, SimulatedSeriesFiles data,
                                      LovoModelType expected, List<String> lines) throws Exception {
        RunResult r = new MotionCorrectionJob(spark, lines::add).run(c);
        assertEquals(expected, r.model());
        return AccuracyReport.of(r.transforms(), data.series, data.trueMask());
    }
}
