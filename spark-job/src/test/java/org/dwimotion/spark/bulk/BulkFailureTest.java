package org.dwimotion.spark.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.bids.CompletionMarker;
import org.dwimotion.group.RunSummary;
import org.dwimotion.group.SeriesOutcome;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure isolation, resume and interrupted runs of {@link BulkRun}. */
@SparkTest
class BulkFailureTest {

    private static Map<String, SeriesOutcome> byKey(BulkRun.Result r) {
        return r.outcomes().stream().collect(Collectors.toMap(SeriesOutcome::series, Function.identity()));
    }

    private static BulkConfig config(Path bids, Path out, boolean overwrite) {
        return new BulkConfig(bids.toString(), out.toString(), List.of(), 2, overwrite, false,
                BulkTestData.options(1));
    }

    @Test
    void corruptAndInconsistentSeriesAreReportedAndTheOthersComplete(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        Path bids = tmp.resolve("bids");
        BulkTestData.series(bids, "01", null, 1);
        Path truncated = BulkTestData.series(bids, "02", null, 2);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path dwi3 = BulkTestData.series(bids, "03", null, 3);
        Path bval3 = dwi3.resolveSibling("sub-03_dwi.bval");
        Files.writeString(bval3, "0 1000 1000\n");
        Path dwi4 = BulkTestData.series(bids, "04", "a", 4);
        Files.delete(dwi4.resolveSibling("sub-04_ses-a_dwi.bvec"));

        // the real pipeline for the broken series (its checks fail on the driver, fast); the good one is faked
        FakeProcessor fake = new FakeProcessor(0.1);
        JobSeriesProcessor real = new JobSeriesProcessor(spark, config(bids, tmp.resolve("out"), false), x -> { });
        SeriesProcessor p = (s, folder) -> s.key().equals("sub-01") ? fake.process(s, folder) : real.process(s, folder);
        List<String> log = new ArrayList<>();
        BulkRun.Result r = new BulkRun(spark, log::add, p).run(config(bids, tmp.resolve("out"), false));

        assertEquals(RunSummary.EXIT_SERIES_FAILED, r.exitCode(), String.join("\n", log));
        Map<String, SeriesOutcome> o = byKey(r);
        assertEquals(SeriesOutcome.Status.PROCESSED, o.get("sub-01").status());
        for (String k : List.of("sub-02", "sub-03", "sub-04_ses-a")) {
            assertEquals(SeriesOutcome.Status.FAILED, o.get(k).status(), k);
            assertTrue(o.get(k).output() == null || !Files.exists(Path.of(o.get(k).output())),
                    k + ": no folder is left for a failed series");
        }
        assertEquals(truncated.toString(), o.get("sub-02").file());
        assertTrue(o.get("sub-03").file().startsWith(bids.resolve("sub-03/dwi/sub-03_dwi.bv").toString()),
                o.get("sub-03").file() + ": " + o.get("sub-03").reason());
        assertTrue(o.get("sub-04_ses-a").reason().contains("missing sub-04_ses-a_dwi.bvec"));
        o.values().forEach(x -> System.out.printf("%s: %s in %.1f s %s: %s%n", x.series(), x.status(), x.seconds(),
                x.file(), x.reason()));

        String json = Files.readString(Path.of(r.summaryJson()));
        assertTrue(json.contains("\"Failed\": 3") && json.contains("\"ExitCode\": 3"), json);
        String tsv = Files.readString(Path.of(r.summaryJson().replace(".json", ".tsv")));
        assertEquals(5, tsv.lines().count());
        String page = Files.readString(tmp.resolve("out/group/dwimotion_group.html"));
        assertTrue(page.contains("<table id=\"failed\">") && page.contains("sub-03"));
    }

    @Test
    void rerunSkipsCompleteSeriesAndRedoesChangedOnes(SparkSession spark, @TempDir Path tmp) throws Exception {
        Path bids = tmp.resolve("bids");
        BulkTestData.twoSubjects(bids);
        Path out = tmp.resolve("out");
        FakeProcessor p = new FakeProcessor(0.2);
        assertEquals(0, new BulkRun(spark, x -> { }, p).run(config(bids, out, false)).exitCode());
        assertEquals(2, p.calls.get());

        BulkRun.Result again = new BulkRun(spark, x -> { }, p).run(config(bids, out, false));
        assertEquals(2, p.calls.get(), "nothing reprocessed");
        assertTrue(again.outcomes().stream().allMatch(x -> x.status() == SeriesOutcome.Status.SKIPPED));
        assertEquals(20L, spark.read().parquet(out.resolve("group/volumes.parquet").toUri().toString()).count(),
                "skipped series stay in the group table");

        Path bval = bids.resolve("sub-02/dwi/sub-02_dwi.bval");
        Files.setLastModifiedTime(bval, FileTime.fromMillis(Files.getLastModifiedTime(bval).toMillis() + 5000));
        Map<String, SeriesOutcome> o = byKey(new BulkRun(spark, x -> { }, p).run(config(bids, out, false)));
        assertEquals(SeriesOutcome.Status.SKIPPED, o.get("sub-01_ses-1").status());
        assertEquals(SeriesOutcome.Status.PROCESSED, o.get("sub-02").status(), "a changed input is reprocessed");
        assertEquals(3, p.calls.get());

        o = byKey(new BulkRun(spark, x -> { }, p).run(config(bids, out, true)));
        assertTrue(o.values().stream().allMatch(x -> x.status() == SeriesOutcome.Status.PROCESSED), "--overwrite");
        assertEquals(5, p.calls.get());
    }

    @Test
    void groupTableOfManySeriesIsReadByExecutors(SparkSession spark, @TempDir Path tmp) throws Exception {
        // more files than spark.sql.sources.parallelPartitionDiscovery.threshold (32): no listing job, no
        // unregistered Hadoop classes under registrationRequired Kryo
        Path bids = tmp.resolve("bids");
        for (int i = 1; i <= 40; i++) {
            Path d = Files.createDirectories(bids.resolve(String.format("sub-%02d/dwi", i)));
            for (String ext : new String[] {".nii.gz", ".bval", ".bvec"}) {
                Files.writeString(d.resolve(String.format("sub-%02d_dwi", i) + ext), "not read by the fake");
            }
        }
        Path out = tmp.resolve("out");
        BulkRun.Result r = new BulkRun(spark, x -> { }, new FakeProcessor(0.3)).run(config(bids, out, false));
        assertEquals(0, r.exitCode());
        assertEquals(400L, spark.read().parquet(out.resolve("group/volumes.parquet").toUri().toString()).count());
        assertEquals(41, Files.readString(out.resolve("group/group_summary.tsv")).lines().count());
    }

    @Test
    void interruptedSeriesAreNeverMarkedCompleteAndARerunFinishesThem(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        Path bids = tmp.resolve("bids");
        BulkTestData.twoSubjects(bids);
        Path out = tmp.resolve("out");
        FakeProcessor p = new FakeProcessor(0.2);
        p.failing.add("sub-02");
        BulkRun.Result r = new BulkRun(spark, x -> { }, p).run(config(bids, out, false));
        assertEquals(RunSummary.EXIT_SERIES_FAILED, r.exitCode());
        Path s1 = out.resolve("sub-01/ses-1/dwi/sub-01_ses-1");
        Path s2 = out.resolve("sub-02/dwi/sub-02");
        assertTrue(Files.exists(s1.resolve(CompletionMarker.FILE_NAME)));
        assertFalse(Files.exists(s2.resolve(CompletionMarker.FILE_NAME)));
        assertTrue(byKey(r).get("sub-02").reason().contains("simulated failure"));

        // what a killed driver leaves: a series folder with some files but no marker, a staging folder, and a
        // marker cut short (e.g. a half-copied S3 "rename")
        Files.createDirectories(s2);
        Files.writeString(s2.resolve("a.txt"), "partial");
        Path staging = out.resolve("sub-02/dwi/sub-02.tmp-xyz");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("sub-01_desc-preproc_dwi.nii.gz"), "partial");
        String marker = Files.readString(s1.resolve(CompletionMarker.FILE_NAME));
        Files.writeString(s1.resolve(CompletionMarker.FILE_NAME), marker.substring(0, marker.indexOf("Fingerprint") + 20));

        p.failing.clear();
        int before = p.calls.get();
        BulkRun.Result again = new BulkRun(spark, x -> { }, p).run(config(bids, out, false));
        assertEquals(0, again.exitCode());
        assertEquals(before + 2, p.calls.get(), "the cut marker does not count: both series rerun");
        assertTrue(Files.exists(s2.resolve(CompletionMarker.FILE_NAME)));
        assertTrue(Files.exists(s2.resolve("b.txt")));
        assertFalse(Files.exists(staging), "the staging folder of the killed run is removed");
        assertTrue(CompletionMarker.recordedFingerprint(Files.readString(s1.resolve(CompletionMarker.FILE_NAME))) != null);
    }
}
