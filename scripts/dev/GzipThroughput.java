// Throughput of the .nii.gz writer's compression (docs/benchmarks.md, "Parallel gzip of the outputs"): decompresses
// the first MB MiB of a gzip file, then times GZIPOutputStream at level 1 (the writer before) and
// ParallelGzipOutputStream at level 1 with 1, 2 and 4 threads into a counting sink; prints wall seconds, MB/s
// (10^6 bytes) and compressed/input size, twice. Needs `mvn -B -o -q -pl common compile`:
//   java -cp common/target/classes scripts/dev/GzipThroughput.java FILE.nii.gz MB
import java.io.*;
import java.util.zip.*;
import org.dwimotion.io.ParallelGzipOutputStream;

public class GzipThroughput {
    static final class Leveled extends GZIPOutputStream {
        Leveled(OutputStream o, int level) throws IOException { super(o, 1 << 16); def.setLevel(level); }
    }
    static final class Count extends OutputStream {
        long n; public void write(int b) { n++; } public void write(byte[] b, int o, int l) { n += l; }
    }
    public static void main(String[] a) throws Exception {
        int mb = Integer.parseInt(a[1]);
        byte[] data;
        try (InputStream in = new GZIPInputStream(new FileInputStream(a[0]), 1 << 16)) { data = in.readNBytes(mb << 20); }
        for (int rep = 0; rep < 2; rep++) {
            for (int threads = 0; threads <= 4; threads = threads == 0 ? 1 : threads * 2) {
                Count c = new Count();
                long t0 = System.nanoTime();
                try (OutputStream gz = threads == 0 ? new Leveled(c, 1) : new ParallelGzipOutputStream(c, 1, threads)) {
                    for (int off = 0; off < data.length; off += 1 << 20) gz.write(data, off, Math.min(1 << 20, data.length - off));
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("rep %d %s: %.2f s, %.0f MB/s, %d -> %d bytes (%.3f)%n", rep,
                        threads == 0 ? "GZIPOutputStream level 1" : "parallel level 1, " + threads + " threads",
                        s, data.length / 1e6 / s, data.length, c.n, (double) c.n / data.length);
            }
        }
    }
}
