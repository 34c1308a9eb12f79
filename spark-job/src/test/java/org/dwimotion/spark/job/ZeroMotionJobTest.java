package org.dwimotion.spark.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.eval.EvaluationResult;
import org.dwimotion.eval.MotionEvaluation;
import org.dwimotion.eval.OffsetRemoval;
import org.dwimotion.eval.VolumeError;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.model.FitMethod;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.sim.SimulationConfig;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the job on a motion-free, noise-free simulated series must return the identity for every volume
 * (within 0.05 mm everywhere in the true brain mask, no offset removal; issue #5), scored with {@link
 * MotionEvaluation}: the pipeline itself (prediction, registration, re-referencing, gradient rotation, shell
 * alignment) adds no spurious motion. The grid is 48×56×48 at 3 mm: the shell alignment (MI between the mean b=0
 * and each shell's mean) has a partial-volume bias that grows with the voxel, and on this series it gives each shell
 * a common offset of 0.024 / 0.025 mm mean (b=1000 / 2000), 0.049 mm at most in the mask: within the 0.05 mm,
 * with little room (voxels of point samples before stop 19: 0.026 / 0.034 mm mean, 0.042 mm at most; 0.10 / 0.13 mm
 * mean at 6 mm, the grid of this test before stop 18; docs/accuracy.md, "A head phantom that pins roll"). Precision
 * under noise is measured by {@code
 * scripts/accuracy.sh} (docs/evaluate.md), not here.
 */
@SparkTest
class ZeroMotionJobTest {
    /** 48×56×48 at 3 mm, b = 1000/2000 × 15 directions + 2 b=0 = 32 volumes, no noise, no motion. */
    static final SimulationConfig STILL = new SimulationConfig(new int[] {48, 56, 48}, 3.0,
            new double[] {1000, 2000}, 15, 2, 0, 0.0, 0.0, 0, 0.0, 11L);

    @Test
    void noMotionGivesIdentityTransforms(SparkSession spark, @TempDir Path tmp) throws Exception {
        SimulatedSeriesFiles data = SimulatedSeriesFiles.write(tmp.resolve("in"), STILL);
        List<String> log = new ArrayList<>();
        RunConfig config = new RunConfig(data.dwi(), null, null, null, tmp.resolve("out").toString(), "auto",
                FitMethod.WLS, TransformType.RIGID, 1, 500, 0L, 50);
        RunResult r = new MotionCorrectionJob(spark, log::add).run(config);

        GradientTable table = GradientTable.of(data.series.scheme().bvals(), data.series.scheme().bvecs());
        double[] truth = new double[r.transforms().length];
        for (int v = 0; v < truth.length / 16; v++) {
            System.arraycopy(data.series.transform(v), 0, truth, 16 * v, 16);
        }
        EvaluationResult e = new MotionEvaluation(data.series.geometry(), data.trueMask(), data.series.centre(),
                OffsetRemoval.NONE).evaluate(truth, r.transforms(), table.shells(), table.bvals());
        double worst = 0;
        for (VolumeError v : e.volumes()) {
            worst = Math.max(worst, v.maxMm());
        }
        System.out.printf("zero motion: worst in-mask displacement %.4f mm; all-class median %.4f mm%n", worst,
                e.summary("all").medianMm());
        assertTrue(worst < 0.05, "largest in-mask displacement of an estimated transform from the identity: "
                + worst + " mm (volumes: " + e.volumes() + ")");
        // the b=0 pass (the default initial motion) reads, fits and registers the 2 b=0 volumes only, not all 32
        assertTrue(log.stream().anyMatch(l -> l.matches("\\[b=0 pass ingest\\] volumes read 2/2, .*done")),
                "b=0 pass progress: " + log.stream().filter(l -> l.startsWith("[b=0 pass")).toList());
        assertArrayEquals(table.bvals(), r.bvals(), 0.0);
        assertArrayEquals(data.series.geometry().fieldOfViewCentre(), r.motionCentre(), 0.0);
    }
}
