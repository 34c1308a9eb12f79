package org.dwimotion.spark.bulk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.dwimotion.bids.DwiSeries;
import org.dwimotion.group.VolumeTable;

/**
 * A fast stand-in for the pipeline (local outputs only): writes two files and the series' volume rows (10 volumes,
 * translation growing by {@code step} mm per volume); fails after the first file for keys in {@code failing}.
 */
final class FakeProcessor implements SeriesProcessor {
    final AtomicInteger calls = new AtomicInteger();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final double step;

    FakeProcessor(double step) {
        this.step = step;
    }

    @Override
    public Processed process(DwiSeries s, String outputFolder) throws Exception {
        calls.incrementAndGet();
        Path dir = Path.of(outputFolder);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("a.txt"), s.key());
        if (failing.contains(s.key())) {
            throw new java.io.IOException(s.dwi() + ": simulated failure after some files were written");
        }
        int n = 10;
        double[] t = new double[16 * n];
        double[] bvals = new double[n];
        for (int v = 0; v < n; v++) {
            t[16 * v] = t[16 * v + 5] = t[16 * v + 10] = t[16 * v + 15] = 1;
            t[16 * v + 3] = step * v;
            bvals[v] = v < 2 ? 0 : 1000;
        }
        Files.writeString(dir.resolve(VolumeTable.FILE_NAME), VolumeTable.tsv(s.subject(), s.session(), s.key(),
                bvals, t, new double[3], new double[n], new boolean[n], 0.5));
        Files.writeString(dir.resolve("b.txt"), s.key());
        return new Processed(n, step, step);
    }
}
