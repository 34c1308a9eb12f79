package org.dwimotion.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.dwimotion.spark.testing.QuietLoggers;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;

import scala.Tuple2;

/**
 * The Kryo policy in action: the shared test session runs with registrationRequired=true, so every operation
 * below would fail if a class it ships were missing from {@link DwimotionKryoRegistrator}.
 */
@SparkTest
class DwimotionKryoRegistratorTest {

    private final JavaSparkContext jsc;

    DwimotionKryoRegistratorTest(JavaSparkContext jsc) {
        this.jsc = jsc;
    }

    @Test
    void sessionRunsTheKryoPolicy() {
        assertEquals("true", jsc.getConf().get("spark.kryo.registrationRequired"));
        assertEquals(DwimotionKryoRegistrator.class.getName(), jsc.getConf().get("spark.kryo.registrator"));
        assertEquals("org.apache.spark.serializer.KryoSerializer", jsc.getConf().get("spark.serializer"));
    }

    /** A record shipped without registration: must fail the job, naming the class. */
    record Unregistered(int value) {
    }

    @Test
    void unregisteredClassFailsLoudly() {
        SparkException e = QuietLoggers.during(() -> assertThrows(SparkException.class,
                () -> jsc.parallelize(List.of(1, 2, 3), 2).map(Unregistered::new).collect()),
                QuietLoggers.SPARK_TASK_FAILURES);
        String all = messages(e);
        assertTrue(all.contains("Class is not registered") && all.contains(Unregistered.class.getName()),
                () -> "message should name the class: " + all);
    }

    @Test
    void broadcastMapPartitionsGroupAndReduceOverFloatArrays() {
        float[][] operator = {{1, 2, 3}, {4, 5, 6}};
        Broadcast<float[][]> op = jsc.broadcast(operator);
        List<Tuple2<Integer, float[]>> input = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            input.add(new Tuple2<>(i % 4, new float[] {i, i + 0.5f, -i}));
        }
        JavaPairRDD<Integer, float[]> pairs = jsc.parallelizePairs(input, 3)
                .mapPartitionsToPair(new ApplyOperator(op));

        Map<Integer, float[]> sums = new TreeMap<>(pairs.reduceByKey(ArrayAdd::add).collectAsMap());
        Map<Integer, Integer> counts = new TreeMap<>();
        for (Tuple2<Integer, Iterable<float[]>> t : pairs.groupByKey().collect()) {
            int n = 0;
            for (float[] ignored : t._2()) {
                n++;
            }
            counts.put(t._1(), n);
        }

        assertEquals(Map.of(0, 5, 1, 5, 2, 5, 3, 5), counts);
        for (int key = 0; key < 4; key++) {
            float[] expected = new float[2];
            for (int i = key; i < 20; i += 4) {
                float[] v = {i, i + 0.5f, -i};
                expected[0] += v[0] + 2 * v[1] + 3 * v[2];
                expected[1] += 4 * v[0] + 5 * v[1] + 6 * v[2];
            }
            assertArrayEquals(expected, sums.get(key), 1e-4f, "key " + key);
        }
        op.destroy();
    }

    @Test
    void collectsSortsAndCountsPrimitiveArrays() {
        List<double[]> doubles = List.of(new double[] {1, 2}, new double[] {3});
        assertEquals(2, jsc.parallelize(doubles, 2).collect().size());
        List<Tuple2<Long, int[]>> sorted = jsc.parallelizePairs(
                        List.of(new Tuple2<>(3L, new int[] {3}), new Tuple2<>(1L, new int[] {1})), 2)
                .sortByKey().collect();
        assertEquals(1L, sorted.get(0)._1());
        assertArrayEquals(new int[] {3}, sorted.get(1)._2());
        assertEquals(3, jsc.parallelize(List.of(new long[] {1}, new long[] {2}, new long[] {3}), 3)
                .map(a -> new boolean[] {a[0] > 1}).filter(b -> b[0]).count() + 1);
        List<ArrayList<String>> lists = jsc.parallelize(List.of(1, 2), 2)
                .map(i -> new ArrayList<>(List.of("v" + i))).collect();
        assertEquals("v2", lists.get(1).get(0));
        assertEquals(2, jsc.parallelize(List.of(new byte[] {1}, new byte[] {2}), 2).take(5).size());
        double[][] matrices = jsc.parallelize(List.of(1, 2), 2).map(i -> new double[][] {{i}}).reduce(
                (a, b) -> new double[][] {{a[0][0] + b[0][0]}});
        assertEquals(3.0, matrices[0][0]);
    }

    static final class ApplyOperator
            implements PairFlatMapFunction<Iterator<Tuple2<Integer, float[]>>, Integer, float[]> {
        private final Broadcast<float[][]> op;

        ApplyOperator(Broadcast<float[][]> op) {
            this.op = op;
        }

        @Override
        public Iterator<Tuple2<Integer, float[]>> call(Iterator<Tuple2<Integer, float[]>> it) {
            float[][] m = op.value();
            List<Tuple2<Integer, float[]>> out = new ArrayList<>();
            while (it.hasNext()) {
                Tuple2<Integer, float[]> t = it.next();
                float[] y = new float[m.length];
                for (int r = 0; r < m.length; r++) {
                    for (int c = 0; c < m[r].length; c++) {
                        y[r] += m[r][c] * t._2()[c];
                    }
                }
                out.add(new Tuple2<>(t._1(), y));
            }
            return out.iterator();
        }
    }

    static final class ArrayAdd {
        private ArrayAdd() {
        }

        static float[] add(float[] a, float[] b) {
            float[] s = new float[a.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = a[i] + b[i];
            }
            return s;
        }
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
