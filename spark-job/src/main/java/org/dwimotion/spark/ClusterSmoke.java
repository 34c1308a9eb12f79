package org.dwimotion.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

import scala.Tuple2;

/**
 * A small job with the same shape as dwimotion's (broadcast a small operator, emit {@code (key, float[])} chunks,
 * one shuffle, collect), used to check a Spark deployment and its fault tolerance: {@code dwimotion selftest}.
 *
 * <p>All values are small integers held in floats and sums stay below 2<sup>24</sup>, so every sum is exact and
 * the checksum is the same whatever the partitioning, task order or retries.
 */
public final class ClusterSmoke {

    /**
     * @param chunks      number of input chunks (records)
     * @param chunkLength floats per chunk
     * @param keys        number of shuffle keys (chunks are spread over them)
     * @param partitions  number of input partitions (map tasks)
     * @param taskMillis  how long each map task sleeps, so that a test can interfere while tasks run
     * @param progressDir where each map task attempt drops a marker file {@code task-<partition>-<attempt>}
     *                    holding {@code executor=<id> ...} (null: none); lets a fault-tolerance test see that
     *                    tasks run on every executor, and which ran again
     */
    public record Params(int chunks, int chunkLength, int keys, int partitions, long taskMillis, Path progressDir) {
        public Params {
            if (chunks < 1 || chunkLength < 1 || keys < 1 || partitions < 1 || taskMillis < 0) {
                throw new IllegalArgumentException("chunks, chunkLength, keys, partitions must be >= 1 and "
                        + "taskMillis >= 0, got " + this);
            }
        }

        public static Params small() {
            return new Params(64, 256, 8, 8, 0, null);
        }
    }

    /** @param checksum CRC32 over keys and float bits, in key order */
    public record Result(long checksum, int keys, int chunks) {
        public String describe() {
            return String.format("selftest checksum=%08x keys=%d chunks=%d", checksum, keys, chunks);
        }
    }

    private ClusterSmoke() {
    }

    public static Result run(JavaSparkContext jsc, Params p) {
        Broadcast<float[]> weights = jsc.broadcast(weights(p.chunkLength()));
        try {
            List<Integer> ids = IntStream.range(0, p.chunks()).boxed().toList();
            List<Tuple2<Integer, float[]>> sums = jsc.parallelize(ids, p.partitions())
                    .mapPartitionsToPair(new EmitChunks(weights, p.keys(), p.taskMillis(),
                            p.progressDir() == null ? null : p.progressDir().toString()))
                    .reduceByKey(new ElementwiseSum())
                    .collect();
            return new Result(checksum(sums), sums.size(), p.chunks());
        } finally {
            weights.destroy();
        }
    }

    /** The same sums computed serially without Spark: the expected answer. */
    public static Result serial(Params p) {
        float[] w = weights(p.chunkLength());
        List<Tuple2<Integer, float[]>> sums = new ArrayList<>();
        for (int key = 0; key < Math.min(p.keys(), p.chunks()); key++) {
            float[] acc = new float[p.chunkLength()];
            for (int c = key; c < p.chunks(); c += p.keys()) {
                float[] v = chunk(c, w);
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += v[i];
                }
            }
            sums.add(new Tuple2<>(key, acc));
        }
        return new Result(checksum(sums), sums.size(), p.chunks());
    }

    static float[] weights(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 + i % 4;
        }
        return w;
    }

    static float[] chunk(int id, float[] weights) {
        float[] v = new float[weights.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((id * 31 + i * 7) % 97) * weights[i];
        }
        return v;
    }

    static long checksum(List<Tuple2<Integer, float[]>> sums) {
        List<Tuple2<Integer, float[]>> sorted = new ArrayList<>(sums);
        sorted.sort(Comparator.comparing(Tuple2::_1));
        CRC32 crc = new CRC32();
        for (Tuple2<Integer, float[]> t : sorted) {
            crc.update(t._1());
            for (float f : t._2()) {
                int bits = Float.floatToIntBits(f);
                crc.update(bits >>> 24);
                crc.update(bits >>> 16);
                crc.update(bits >>> 8);
                crc.update(bits);
            }
        }
        return crc.getValue();
    }

    /** Map side: one chunk per id, keyed by {@code id % keys}. Captures only the broadcast handle. */
    static final class EmitChunks implements PairFlatMapFunction<Iterator<Integer>, Integer, float[]> {
        private final Broadcast<float[]> weights;
        private final int keys;
        private final long taskMillis;
        private final String progressDir;

        EmitChunks(Broadcast<float[]> weights, int keys, long taskMillis, String progressDir) {
            this.weights = weights;
            this.keys = keys;
            this.taskMillis = taskMillis;
            this.progressDir = progressDir;
        }

        @Override
        public Iterator<Tuple2<Integer, float[]>> call(Iterator<Integer> ids) throws Exception {
            markStarted();
            if (taskMillis > 0) {
                Thread.sleep(taskMillis);
            }
            float[] w = weights.value();
            List<Tuple2<Integer, float[]>> out = new ArrayList<>();
            while (ids.hasNext()) {
                int id = ids.next();
                out.add(new Tuple2<>(id % keys, chunk(id, w)));
            }
            return out.iterator();
        }

        private void markStarted() {
            TaskContext tc = TaskContext.get();
            if (progressDir == null || tc == null) {
                return;
            }
            Path marker = Path.of(progressDir, "task-" + tc.partitionId() + "-" + tc.attemptNumber());
            try {
                Files.writeString(marker, "executor=" + SparkEnv.get().executorId() + " stage=" + tc.stageId()
                        + " task=" + tc.taskAttemptId() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write progress marker " + marker, e);
            }
        }
    }

    /** Reduce side: element-wise sum into a fresh array (inputs may be reused by Spark). */
    static final class ElementwiseSum implements Function2<float[], float[], float[]> {
        @Override
        public float[] call(float[] a, float[] b) {
            float[] s = new float[a.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = a[i] + b[i];
            }
            return s;
        }
    }
}
