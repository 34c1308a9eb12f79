package org.dwimotion.spark.bulk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.bids.CompletionMarker;
import org.dwimotion.group.SeriesOutcome;
import org.dwimotion.group.VolumeTable;
import org.dwimotion.model.FitMethod;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.spark.job.MotionCorrectionJob;
import org.dwimotion.spark.job.RunConfig;
import org.dwimotion.spark.testing.InProcessS3;
import org.dwimotion.spark.testing.MiniHdfs;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk runs of a two-subject BIDS dataset with the real single-series pipeline: on local files (transforms
 * byte-identical to the single-series job, SQL on the group table, resume), and read from and written to HDFS
 * ({@link MiniHdfs}) and S3 ({@link InProcessS3}, {@code s3a://}, path style) with transforms byte-identical to the
 * local run.
 */
@SparkTest
class BulkRunTest {
    private static final List<String> SERIES = List.of("sub-01/ses-1/dwi/sub-01_ses-1", "sub-02/dwi/sub-02");

    @TempDir
    static Path shared;

    /** The local run of the dataset, made by the first test that needs it. */
    private static BulkRun.Result local;
    private static double localSeconds;

    private static synchronized BulkRun.Result localRun(SparkSession spark) throws Exception {
        if (local == null) {
            Path bids = shared.resolve("bids");
            BulkTestData.twoSubjects(bids);
            Path out = shared.resolve("out");
            List<String> log = new ArrayList<>();
            long t0 = System.nanoTime();
            BulkConfig c = BulkTestData.config(bids.toString(), out.toString(), 1);
            local = new BulkRun(spark, c, log::add).run(c);
            localSeconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(0, local.exitCode(), String.join("\n", log));
        }
        return local;
    }

    private static byte[] read(FileSystem fs, String uri) throws IOException {
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
            return in.readAllBytes();
        }
    }

    private static void runAndCompare(SparkSession spark, FileSystem fs, String root, Path local, Path localOut)
            throws Exception {
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()),
                new org.apache.hadoop.fs.Path(root + "/bids"));
        List<String> log = new ArrayList<>();
        BulkConfig c = BulkTestData.config(root + "/bids", root + "/out", 1);
        BulkRun.Result r = new BulkRun(spark, c, log::add).run(c);
        assertEquals(0, r.exitCode(), String.join("\n", log));
        assertTrue(r.outcomes().stream().allMatch(o -> o.status() == SeriesOutcome.Status.PROCESSED));
        for (String s : SERIES) {
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(root + "/out/" + s + "/" + CompletionMarker.FILE_NAME)));
            assertArrayEquals(Files.readAllBytes(localOut.resolve(s).resolve(BulkTestData.affines(s))),
                    read(fs, root + "/out/" + s + "/" + BulkTestData.affines(s)), s);
        }
        assertEquals(20L, spark.read().parquet(root + "/out/group/volumes.parquet").count());
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(root + "/out/group/dwimotion_group.html")));
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(r.summaryJson())));

        BulkRun.Result again = new BulkRun(spark, c, log::add).run(c);
        assertTrue(again.outcomes().stream().allMatch(o -> o.status() == SeriesOutcome.Status.SKIPPED),
                "resume works on this store too");
    }

    @Test
    void processesEverySeriesLikeSingleRunsAndResumes(SparkSession spark, @TempDir Path tmp) throws Exception {
        BulkRun.Result r = localRun(spark);
        Path bids = shared.resolve("bids");
        Path out = shared.resolve("out");
        List<String> log = new ArrayList<>();
        assertEquals(List.of("sub-01_ses-1", "sub-02"), r.outcomes().stream().map(SeriesOutcome::series).toList());
        Path s1 = out.resolve("sub-01/ses-1/dwi/sub-01_ses-1");
        Path s2 = out.resolve("sub-02/dwi/sub-02");
        for (Path s : List.of(s1, s2)) {
            assertTrue(Files.exists(s.resolve(CompletionMarker.FILE_NAME)), s + " has no marker");
            assertTrue(Files.exists(s.resolve(BulkTestData.affines(s.getFileName().toString()))));
        }

        // the same series alone through the single-series job: identical transforms
        Path single = tmp.resolve("single");
        new MotionCorrectionJob(spark, x -> { }).run(BulkTestData.config(bids.toString(), out.toString(), 1)
                .forSeries(bids.resolve("sub-02/dwi/sub-02_dwi.nii.gz").toString(), null, null, single.toString(), null));
        assertArrayEquals(Files.readAllBytes(single.resolve(BulkTestData.affines("sub-02"))),
                Files.readAllBytes(s2.resolve(BulkTestData.affines("sub-02"))));

        // the group table answers SQL
        String parquet = out.resolve("group/volumes.parquet").toUri().toString();
        spark.read().parquet(parquet).createOrReplaceTempView("volumes");
        Row counts = spark.sql("SELECT count(*), count(DISTINCT series), count(framewise_displacement), "
                + "sum(CASE WHEN framewise_displacement > 0.5 THEN 1 ELSE 0 END), sum(fd_outlier) FROM volumes").first();
        assertEquals(20L, counts.getLong(0));
        assertEquals(2L, counts.getLong(1));
        assertEquals(18L, counts.getLong(2), "volume 0 has no FD");
        assertEquals(counts.getLong(3), counts.getLong(4));
        assertEquals(3, Files.readString(out.resolve("group/group_summary.tsv")).lines().count());
        String page = Files.readString(out.resolve("group/dwimotion_group.html"));
        assertTrue(page.contains("<svg id=\"fd-histogram\"") && !page.contains("<script") && !page.contains("src=\"http"));
        assertTrue(Files.exists(Path.of(r.summaryJson())));
        // the output root is a BIDS derivative dataset with its own description and an equivalent command line
        String description = Files.readString(out.resolve("dataset_description.json"));
        assertTrue(description.contains("\"DatasetType\": \"derivative\"") && description.contains("--bids "),
                description);

        // the Spark SQL summary equals the pure one computed from the same rows
        for (Row row : spark.sql("SELECT series, avg(framewise_displacement), max(framewise_displacement) FROM volumes "
                + "GROUP BY series").collectAsList()) {
            SeriesOutcome o = r.outcomes().stream().filter(x -> x.series().equals(row.getString(0))).findFirst()
                    .orElseThrow();
            assertEquals(o.meanFd(), row.getDouble(1), 1e-6);
            assertEquals(o.maxFd(), row.getDouble(2), 1e-6);
        }

        // rerun: both series are skipped
        long t1 = System.nanoTime();
        BulkConfig c = BulkTestData.config(bids.toString(), out.toString(), 1);
        BulkRun.Result again = new BulkRun(spark, c, log::add).run(c);
        double second = (System.nanoTime() - t1) / 1e9;
        assertEquals(0, again.exitCode());
        assertTrue(again.outcomes().stream().allMatch(o -> o.status() == SeriesOutcome.Status.SKIPPED));
        System.out.printf("bulk run of 2 tiny series: %.1f s; rerun (all skipped): %.1f s%n", localSeconds, second);
    }

    /**
     * Affine runs: the group table's rigid parameters and FD are the series' own motion table's (the head motion, the
     * rigid part once the eddy displacement along the phase-encoding axis is taken out), not the affine's polar
     * decomposition, which counts part of a phase-encoding shear as rotation. Both tables print 6 decimals for mm and
     * 9 for radians. The series' run summary holds the FD threshold and the phase-encoding axis it used.
     */
    @Test
    void affineGroupRowsCarryTheSeriesHeadMotion(SparkSession spark, @TempDir Path tmp) throws Exception {
        Path bids = tmp.resolve("bids");
        BulkTestData.series(bids, "03", null, 13);
        Path out = tmp.resolve("out");
        List<String> log = new ArrayList<>();
        RunConfig options = new RunConfig("unused", null, null, null, "unused", "dti", FitMethod.WLS,
                TransformType.AFFINE, 1, 400, 0L, 50);
        BulkConfig c = new BulkConfig(bids.toString(), out.toString(), List.of(), 1, false, false, options);
        assertEquals(0, new BulkRun(spark, c, log::add).run(c).exitCode(), String.join("\n", log));
        Path folder = out.resolve("sub-03/dwi/sub-03");
        // the series' summary names its FD threshold and the eddy axis the sidecar gave (BulkTestData writes j-)
        String summary = Files.readString(folder.resolve(MotionCorrectionJob.SUMMARY));
        assertTrue(summary.contains("\"fd_threshold\": 0.5") && summary.contains("\"code\": \"j-\""), summary);
        List<String[]> group = rows(folder.resolve(VolumeTable.FILE_NAME));
        List<String[]> motion = rows(folder.resolve("sub-03_desc-hmc_motion.tsv"));
        assertEquals(motion.size(), group.size());
        List<String> gh = List.of(group.get(0));
        List<String> mh = List.of(motion.get(0));
        for (String col : List.of("trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z")) {
            for (int v = 1; v < group.size(); v++) {
                assertEquals(Double.parseDouble(motion.get(v)[mh.indexOf(col)]),
                        Double.parseDouble(group.get(v)[gh.indexOf(col)]), 1e-9, col + " of volume " + (v - 1));
            }
        }
    }

    private static List<String[]> rows(Path tsv) throws IOException {
        return Files.readAllLines(tsv).stream().map(l -> l.split("\t", -1)).toList();
    }

    @Test
    void hdfsDatasetGivesTheLocalTransforms(SparkSession spark, @TempDir Path tmp) throws Exception {
        localRun(spark);
        Path bids = shared.resolve("bids");
        Path localOut = shared.resolve("out");
        try (MiniHdfs hdfs = MiniHdfs.start(tmp.resolve("hdfs")); FileSystem fs = hdfs.newFileSystem()) {
            runAndCompare(spark, fs, hdfs.uri() + "/lab", bids, localOut);
        }
    }

    @Test
    void s3DatasetGivesTheLocalTransforms(SparkSession spark) throws Exception {
        localRun(spark);
        Path bids = shared.resolve("bids");
        Path localOut = shared.resolve("out");
        try (InProcessS3 s3 = InProcessS3.startInMemory()) {
            s3.configure(spark.sparkContext().hadoopConfiguration());
            try (FileSystem fs = s3.newFileSystem()) {
                runAndCompare(spark, fs, s3.uri("lab"), bids, localOut);
            }
        }
    }
}
