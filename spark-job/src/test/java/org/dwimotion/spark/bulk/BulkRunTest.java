package org.dwimotion.spark.bulk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.bids.CompletionMarker;
import org.dwimotion.group.SeriesOutcome;
import org.dwimotion.spark.job.MotionCorrectionJob;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bulk runs on local files with the real single-series pipeline. */
@SparkTest
class BulkRunTest {

    @Test
    void processesEverySeriesLikeSingleRunsAndResumes(SparkSession spark, @TempDir Path tmp) throws Exception {
        Path bids = tmp.resolve("bids");
        BidsFixture.twoSubjects(bids);
        Path out = tmp.resolve("out");
        List<String> log = new ArrayList<>();
        long t0 = System.nanoTime();
        BulkRun.Result r = new BulkRun(spark, BidsFixture.config(bids.toString(), out.toString(), 1), log::add)
                .run(BidsFixture.config(bids.toString(), out.toString(), 1));
        double first = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.exitCode(), String.join("\n", log));
        assertEquals(List.of("sub-01_ses-1", "sub-02"), r.outcomes().stream().map(SeriesOutcome::series).toList());
        Path s1 = out.resolve("sub-01/ses-1/dwi/sub-01_ses-1");
        Path s2 = out.resolve("sub-02/dwi/sub-02");
        for (Path s : List.of(s1, s2)) {
            assertTrue(Files.exists(s.resolve(CompletionMarker.FILE_NAME)), s + " has no marker");
            assertTrue(Files.exists(s.resolve(MotionCorrectionJob.TRANSFORMS)));
        }

        // the same series alone through the single-series job: identical transforms
        Path single = tmp.resolve("single");
        new MotionCorrectionJob(spark, x -> { }).run(BidsFixture.config(bids.toString(), out.toString(), 1)
                .forSeries(bids.resolve("sub-02/dwi/sub-02_dwi.nii.gz").toString(), null, null, single.toString()));
        assertArrayEquals(Files.readAllBytes(single.resolve(MotionCorrectionJob.TRANSFORMS)),
                Files.readAllBytes(s2.resolve(MotionCorrectionJob.TRANSFORMS)));

        // the group table answers SQL
        String parquet = out.resolve("group/volumes.parquet").toUri().toString();
        spark.read().parquet(parquet).createOrReplaceTempView("volumes");
        Row counts = spark.sql("SELECT count(*), count(DISTINCT series), count(framewise_displacement), "
                + "sum(CASE WHEN framewise_displacement > 0.5 THEN 1 ELSE 0 END), sum(fd_outlier) FROM volumes").first();
        assertEquals(20L, counts.getLong(0));
        assertEquals(2L, counts.getLong(1));
        assertEquals(18L, counts.getLong(2), "volume 0 has no FD");
        assertEquals(counts.getLong(3), counts.getLong(4));
        assertTrue(Files.readString(out.resolve("group/group_summary.tsv")).lines().count() == 3);
        String page = Files.readString(out.resolve("group/dwimotion_group.html"));
        assertTrue(page.contains("<svg id=\"fd-histogram\"") && !page.contains("<script") && !page.contains("src=\"http"));
        assertTrue(Files.exists(Path.of(r.summaryJson())));

        // rerun: both series are skipped
        long t1 = System.nanoTime();
        BulkRun.Result again = new BulkRun(spark, BidsFixture.config(bids.toString(), out.toString(), 1), log::add)
                .run(BidsFixture.config(bids.toString(), out.toString(), 1));
        double second = (System.nanoTime() - t1) / 1e9;
        assertEquals(0, again.exitCode());
        assertTrue(again.outcomes().stream().allMatch(o -> o.status() == SeriesOutcome.Status.SKIPPED));
        System.out.printf("bulk run of 2 tiny series: %.1f s; rerun (all skipped): %.1f s%n", first, second);
    }
}
