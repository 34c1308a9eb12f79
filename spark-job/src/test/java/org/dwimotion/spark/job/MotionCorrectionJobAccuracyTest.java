package org.dwimotion.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.bids.BidsName;
import org.dwimotion.bids.SeriesFiles;
import org.dwimotion.io.nifti.NiftiHeader;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.model.FitMethod;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.pipeline.ShellAlignmentMode;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a simulated series with known rigid motion ({@link SimulatedSeriesFiles#FINE}: 48×56×48 at 2.5 mm,
 * b = 1000/3000 × 18 directions + 4 b=0 = 40 volumes, SNR 30, motion up to 2 mm / 2° with two spikes), default options
 * ({@code --iterations auto}: DTI iterations until one moves the estimates by less than 0.1 mm, here 3, then DKI;
 * the b0 model a fixed 2; WLS, rigid, mask computed from the mean b=0): the job's transforms against the truth, per
 * volume class (median over the class's volumes of each volume's median in-mask displacement error; no offset
 * removed).
 *
 * <p>Measured (docs/job.md, docs/accuracy.md "DTI warm-ups until they settle"), with every default: b=0 0.016 mm;
 * DKI b=1000 0.077 / b=3000 0.082 mm (2 iterations, the default before stop 20: 0.094 / 0.109); DTI 0.135 / 0.091 mm
 * (2: 0.139 / 0.106); the b0 model 15 / 21 mm (stop 18, voxels of point samples: 0.023; 0.106 / 0.136; 0.154 / 0.125
 * mm). The target, 0.2 mm
 * for every class with DKI and with DTI, is asserted as such; the tighter bounds guard the figures against
 * regressions (about 1.3× the measured values; DTI b=1000 is held by the target itself), and the b0 model must stay clearly worse at the highest shell.
 *
 * <p>The second test runs the same head at 5 mm ({@link SimulatedSeriesFiles#SMALL}, 24×28×24) without the shell
 * alignment: b=0 0.054, DKI 0.145 / 0.204 mm. At that voxel size the registration alone, against noise-free
 * references, is at 0.19 mm for b=3000 and the LOVO prediction from 18 directions at 0.5–0.6 mm
 * ({@code scripts/dev/DecomposeDwiError.java}), so the target is not expected there.
 */
@SparkTest
class MotionCorrectionJobAccuracyTest {

    @Test
    void recoversKnownMotionAndTheB0ModelIsWorseAtTheHighestShell(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        SimulatedSeriesFiles data = SimulatedSeriesFiles.write(tmp.resolve("in"), SimulatedSeriesFiles.FINE);
        RunConfig base = new RunConfig(data.dwi(), null, null, null, "unused", "auto", FitMethod.WLS,
                TransformType.RIGID, RunConfig.AUTO_ITERATIONS, 500, 0L, 50);
        List<String> lines = new ArrayList<>();
        RunResult dkiResult = new MotionCorrectionJob(spark, lines::add).run(base.withModel("auto")
                .withOutput(tmp.resolve("dki").toString()));
        assertEquals(LovoModelType.DKI, dkiResult.model());
        AccuracyReport dki = AccuracyReport.of(dkiResult.transforms(), data.series, data.trueMask());
        AccuracyReport dti = run(spark, base.withModel("dti").withOutput(tmp.resolve("dti").toString()), data,
                LovoModelType.DTI, lines);
        AccuracyReport b0 = run(spark, base.withModel("b0").withOutput(tmp.resolve("b0").toString()), data,
                LovoModelType.B0, lines);
        System.out.println("DKI: " + dki + "\nDTI: " + dti + "\nb0:  " + b0);
        lines.stream().filter(l -> l.contains(": estimates moved ")).forEach(System.out::println);

        for (AccuracyReport r : new AccuracyReport[] {dki, dti}) {
            for (long bClass : new long[] {0, 1000, 3000}) {
                assertTrue(r.median(bClass) <= 0.2, () -> "issue target 0.2 mm, b=" + bClass + ": " + r);
            }
            assertTrue(r.median(0) <= 0.025, () -> "b=0 class: " + r);
        }
        assertTrue(dki.median(1000) <= 0.10, () -> "DKI b=1000: " + dki);
        assertTrue(dti.median(3000) <= 0.12, () -> "DTI b=3000: " + dti);
        assertTrue(dki.median(3000) <= 0.11, () -> "DKI b=3000: " + dki);
        assertTrue(b0.median(3000) > 5 * dti.median(3000) && b0.median(3000) > 5 * dki.median(3000),
                () -> "the b0 model should be clearly worse at b=3000: " + b0);

        Path out = tmp.resolve("dki");
        SeriesFiles f = SeriesFiles.of(BidsName.fromInput(data.dwi()), 40, false);
        for (String name : new String[] {f.preprocDwi(), f.preprocJson(), f.preprocBval(), f.preprocBvec(),
                f.brainMask(), f.dwiref(), f.motionTsv(), f.motionJson(), f.affinesTsv(), f.xfm(0), f.xfm(39),
                f.report(), f.hmcJson(), "dataset_description.json", MotionCorrectionJob.SUMMARY}) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        assertEquals("sub-dwi_desc-preproc_dwi.nii.gz", f.preprocDwi(), "flat layout, entities from dwi.nii.gz");
        NiftiHeader corrected = NiftiReader.readHeader(out.resolve(f.preprocDwi()).toString());
        assertEquals(40, corrected.nt());
        List<String> tsv = Files.readAllLines(out.resolve(f.motionTsv()));
        assertEquals(41, tsv.size());
        assertTrue(tsv.get(0).startsWith("trans_x\ttrans_y\ttrans_z\trot_x\trot_y\trot_z\tframewise_displacement"));
        // the affines table holds the run's transforms exactly (shortest round-trip decimals)
        List<String> affines = Files.readAllLines(out.resolve(f.affinesTsv()));
        assertEquals(41, affines.size());
        for (int v = 0; v < 40; v++) {
            String[] cells = affines.get(v + 1).split("\t");
            for (int e = 0; e < 16; e++) {
                assertEquals(dkiResult.transforms()[16 * v + e], Double.parseDouble(cells[e + 1]), "volume " + v);
            }
        }
        String report = Files.readString(out.resolve(f.report()));
        assertEquals(15, PartitioningInvarianceTest.mosaics(out.resolve(f.report())).size(),
                "observed, predicted and corrected mosaics of 5 volumes");
        assertTrue(report.contains("--output " + out), "the report holds the command line");
        assertTrue(lines.stream().anyMatch(l -> l.contains("volumes registered 40/40")), "progress lines");
        // --iterations auto: DTI iterations until they settle (2 to 4), then one DKI iteration; DTI alone the same
        // without DKI; the b0 model a fixed 2
        List<String> dkiRun = lines.stream()
                .filter(l -> l.matches("\\[iteration \\d/max 5\\] \\w+: estimates moved .*")).toList();
        assertTrue(dkiRun.size() >= 3 && dkiRun.get(dkiRun.size() - 1).contains("] dki: estimates moved ")
                && dkiRun.subList(0, dkiRun.size() - 1).stream().allMatch(l -> l.contains("] dti: ")),
                "DTI warm-ups, then how far the DKI iteration moved the estimates: " + dkiRun);
        assertTrue(lines.stream().filter(l -> l.matches("\\[iteration \\d/max 4\\] dti: estimates moved .*"))
                .count() >= 2, "the DTI run: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[iteration 2/2] b0: estimates moved ")), "b0: 2");
        // the setup line states the DKI span's share in the DKI iteration's temporal prior: all of it at b_max 3000
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[setup] ") && l.contains(" model dki/")
                        && l.contains(", temporal prior smooth (DKI iteration after DTI: DKI span's share 1.00), ")),
                lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[setup] ") && l.contains(" model dti/")
                && l.contains(", temporal prior smooth, ")), lines::toString);
        String summary = Files.readString(out.resolve(MotionCorrectionJob.SUMMARY));
        assertTrue(summary.contains("\"iterations\": " + dkiRun.size())
                && summary.contains("\"iterations_option\": \"auto\""), summary);
        for (int b : new int[] {1000, 3000}) {
            String line = "[shell alignment] b=" + b + " (18 volumes): offset ";
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(line)), "one line per shell aligned: " + lines);
        }
    }

    @Test
    void withoutShellAlignment(SparkSession spark, @TempDir Path tmp) throws Exception {
        SimulatedSeriesFiles data = SimulatedSeriesFiles.write(tmp.resolve("in"), SimulatedSeriesFiles.SMALL);
        RunConfig c = new RunConfig(data.dwi(), null, null, null, tmp.resolve("none").toString(), "auto",
                FitMethod.WLS, TransformType.RIGID, 2, 500, 0L, 50).withShellAlignment(ShellAlignmentMode.NONE);
        List<String> lines = new ArrayList<>();
        AccuracyReport dki = run(spark, c, data, LovoModelType.DKI, lines);
        System.out.println("DKI, --shell-alignment none: " + dki);
        assertTrue(dki.median(0) <= 0.07, () -> "b=0 class: " + dki);
        assertTrue(dki.median(1000) <= 0.19, () -> "DKI b=1000: " + dki);
        assertTrue(dki.median(3000) <= 0.27, () -> "DKI b=3000: " + dki);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("[shell alignment]")), "no shell alignment: " + lines);
    }

    private static AccuracyReport run(SparkSession spark, RunConfig c, SimulatedSeriesFiles data,
                                      LovoModelType expected, List<String> lines) throws Exception {
        RunResult r = new MotionCorrectionJob(spark, lines::add).run(c);
        assertEquals(expected, r.model());
        return AccuracyReport.of(r.transforms(), data.series, data.trueMask());
    }
}
