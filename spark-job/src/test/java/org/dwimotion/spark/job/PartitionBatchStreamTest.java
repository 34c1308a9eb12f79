package org.dwimotion.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;

/** The output stream's batching keeps partition order whatever the batch size, and passes task failures on. */
@SparkTest
class PartitionBatchStreamTest {

    @Test
    void elementsComeInPartitionOrderForAnyBatch(SparkSession spark) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> values = IntStream.range(0, 23).boxed().collect(Collectors.toList());
        for (int partitions : new int[] {1, 5, 23, 30}) { // 30: some partitions are empty
            JavaRDD<Integer> rdd = jsc.parallelize(values, partitions);
            for (int batch : new int[] {1, 2, 3, 40}) {
                List<Integer> got = new ArrayList<>();
                new PartitionBatchStream<>(rdd, batch).forEachRemaining(got::add);
                assertEquals(values, got, partitions + " partitions, batch " + batch);
            }
        }
    }

    @Test
    void endIsReportedAndTaskFailuresPropagate(SparkSession spark) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        PartitionBatchStream<Integer> empty = new PartitionBatchStream<>(jsc.parallelize(List.<Integer>of(), 2), 2);
        assertFalse(empty.hasNext());
        assertThrows(NoSuchElementException.class, empty::next);
        JavaRDD<Integer> failing = jsc.parallelize(List.of(1, 2, 3, 4), 4).map(PartitionBatchStreamTest::failOnThree);
        PartitionBatchStream<Integer> s = new PartitionBatchStream<>(failing, 2);
        assertEquals(1, s.next());
        assertEquals(2, s.next());
        Exception e = assertThrows(SparkException.class, s::next); // a failed job, as toLocalIterator threw it
        assertTrue(e.getMessage().contains("task failure on purpose"), e.getMessage());
    }

    private static Integer failOnThree(Integer x) {
        if (x == 3) {
            throw new IllegalStateException("task failure on purpose");
        }
        return x;
    }
}
