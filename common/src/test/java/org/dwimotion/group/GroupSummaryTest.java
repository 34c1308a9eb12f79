package org.dwimotion.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dwimotion.report.GroupReport;
import org.junit.jupiter.api.Test;

class GroupSummaryTest {

    private static double[] translation(double... tx) {
        double[] t = new double[16 * tx.length];
        for (int v = 0; v < tx.length; v++) {
            t[16 * v] = t[16 * v + 5] = t[16 * v + 10] = t[16 * v + 15] = 1;
            t[16 * v + 3] = tx[v];
        }
        return t;
    }

    @Test
    void volumeRowsHoldParametersFdAndFlags() {
        String tsv = VolumeTable.tsv("01", null, "sub-01", new double[] {0, 1000, 1000},
                translation(0, 0.25, 1.0), new double[] {0, 0, 0}, new double[] {0.1, Double.NaN, 0.3},
                new boolean[] {true, false, true}, 0.5);
        List<String> lines = tsv.lines().toList();
        assertEquals(String.join("\t", VolumeTable.COLUMNS), lines.get(0));
        assertEquals("01\tn/a\tsub-01\t0\t0\t0.000000\t0.000000\t0.000000\t0.000000000\t0.000000000\t0.000000000"
                + "\tn/a\t0.1\t1\t0", lines.get(1));
        assertTrue(lines.get(2).endsWith("\t0.250000\tn/a\t0\t0"), lines.get(2));
        assertTrue(lines.get(3).startsWith("01\tn/a\tsub-01\t2\t1000\t1.000000\t"), lines.get(3));
        assertTrue(lines.get(3).endsWith("\t0.750000\t0.3\t1\t1"), lines.get(3));

        List<Object[]> rows = VolumeTable.parse("x.tsv", tsv);
        assertEquals(3, rows.size());
        assertEquals(java.util.Arrays.asList("01", null, "sub-01", 2, 1000.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.75, 0.3,
                1, 1), java.util.Arrays.asList(rows.get(2)));
        assertEquals(null, rows.get(0)[11]);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VolumeTable.parse("x.tsv", tsv.replace("\t0.3\t", "\t0.3x\t")));
        assertTrue(e.getMessage().startsWith("x.tsv: line 4"), e.getMessage());
    }

    @Test
    void seriesMotionAndTukeyOutliers() {
        double[] p = {0, 0, 0, 0, 0, 0, 0.3, 0, 0, 0, 0, 0.01, 1.3, 0, 0, 0, 0, 0};
        double[] fd = {Double.NaN, 0.8, 1.5};
        SeriesMotion m = SeriesMotion.of("01", "1", "sub-01_ses-1", p, fd, new boolean[] {true, true, false}, 1.0);
        assertEquals(1.15, m.meanFd(), 1e-12);
        assertEquals(1.5, m.maxFd());
        assertEquals(1.3, m.maxTranslation());
        assertEquals(0.01, m.maxRotation());
        assertEquals(1, m.flagged());
        assertEquals(1, m.notConverged());

        // numpy.percentile([0.1, 0.2, 0.3, 0.4, 2.0], [25, 75]) = 0.2, 0.4 → fence 0.7
        assertEquals(0.7, GroupSummary.upperFence(new double[] {0.1, 0.4, 0.2, 2.0, 0.3, Double.NaN}), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, GroupSummary.upperFence(new double[] {0.1, 5}));
        List<SeriesMotion> cohort = new ArrayList<>();
        double[] means = {0.1, 0.2, 0.3, 0.4, 2.0};
        for (int i = 0; i < means.length; i++) {
            cohort.add(new SeriesMotion("0" + i, null, "sub-0" + i, 11, means[i], means[i] * 2, 1, 0.01, 0, 0));
        }
        cohort.add(new SeriesMotion("09", null, "sub-09", 11, 0.2, 0.4, 1, 0.01, 3, 0)); // 3 of 10 flagged
        assertArrayEquals(new boolean[] {false, false, false, false, true, true}, GroupSummary.outliers(cohort));
        String tsv = GroupSummary.tsv(cohort);
        assertEquals(7, tsv.lines().count());
        assertTrue(tsv.lines().skip(5).findFirst().orElseThrow().endsWith("\t1"));

        String page = GroupReport.html("ds", cohort, new GroupReport.Histogram(GroupReport.Histogram.edges(1, 4),
                new long[] {5, 3, 0, 1}), List.of(SeriesOutcome.failed("sub-07", "07", null, "/d/x.nii.gz", "/o",
                0.1, "/d/x.nii.gz", "/d/x.nii.gz: truncated <gzip>")), 2, 0.5);
        assertTrue(page.contains("2 outlier series"), page);
        assertTrue(page.contains("truncated &lt;gzip&gt;"));
        assertEquals(2, page.split("class=\"outlier\"").length - 1);
        String table = page.substring(page.indexOf("<table id=\"series\""));
        assertTrue(table.indexOf("sub-04") < table.indexOf("sub-03"), "worst mean FD first");
        assertTrue(!page.contains("<script") && !page.contains("http://") || page.contains("http://www.w3.org/2000/svg"));
    }

    @Test
    void runSummaryExitCodesAndTables() {
        SeriesOutcome ok = new SeriesOutcome("sub-01", "01", null, "/d/a", "/o/a", SeriesOutcome.Status.PROCESSED,
                1.5, 10, 0.2, 0.4, null, null);
        SeriesOutcome skip = SeriesOutcome.skipped("sub-02", "02", null, "/d/b", "/o/b", 0);
        SeriesOutcome bad = SeriesOutcome.failed("sub-03", "03", "1", "/d/c", "/o/c", 0.2, "/d/c.bval",
                "/d/c.bval: 9 values\nfor 10 volumes");
        assertEquals(RunSummary.EXIT_OK, RunSummary.exitCode(List.of(ok, skip)));
        assertEquals(RunSummary.EXIT_SERIES_FAILED, RunSummary.exitCode(List.of(ok, bad)));
        assertEquals(RunSummary.EXIT_NO_SERIES, RunSummary.exitCode(List.of()));
        String tsv = RunSummary.tsv(List.of(ok, skip, bad));
        assertTrue(tsv.contains("sub-03\t03\t1\tfailed\t0.200\tn/a\tn/a\tn/a\t/o/c\t/d/c.bval\t/d/c.bval: 9 values for 10 volumes\n"), tsv);
        RunSummary.Run run = new RunSummary.Run("1.0", "a", "b", 2, "/d", "/o", new java.util.LinkedHashMap<>(),
                new RunSummary.DriverHeap(true, 3, 100, 90, 1000));
        String json = RunSummary.json(run, List.of(ok, skip, bad));
        assertTrue(json.contains("\"ExitCode\": 3") && json.contains("\"Failed\": 1") && json.contains("\"MaxUsedBytes\": 100"), json);
        assertTrue(json.contains("\"Reason\": \"/d/c.bval: 9 values for 10 volumes\""), json);
        assertEquals("dwimotion_run-20250102T030405Z", RunSummary.baseName(java.time.Instant.parse("2025-01-02T03:04:05Z")));
    }
}
