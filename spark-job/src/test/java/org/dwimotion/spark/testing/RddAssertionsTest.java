package org.dwimotion.spark.testing;

import static org.dwimotion.spark.testing.RddAssertions.assertRddEquals;
import static org.dwimotion.spark.testing.RddAssertions.assertRddEqualsUnordered;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import scala.Tuple2;

@SparkTest
class RddAssertionsTest {

    private final JavaSparkContext jsc;

    RddAssertionsTest(JavaSparkContext jsc) {
        this.jsc = jsc;
    }

    private JavaPairRDD<Integer, float[]> pairs(float... firsts) {
        List<Tuple2<Integer, float[]>> list = new java.util.ArrayList<>();
        for (int i = 0; i < firsts.length; i++) {
            list.add(new Tuple2<>(i, new float[] {firsts[i], 2, 3}));
        }
        return jsc.parallelizePairs(list, 2);
    }

    @Test
    void equalRddsOfTuplesWithArraysPass() {
        assertRddEquals(pairs(1, 2, 3), pairs(1, 2, 3));
        assertRddEqualsUnordered(jsc.parallelize(List.of(3, 1, 2, 2)), jsc.parallelize(List.of(2, 1, 2, 3), 3));
        assertRddEquals(List.of(1, 2), jsc.parallelize(List.of(1, 2)));
    }

    @Test
    void orderedDifferenceNamesIndexAndPath() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertRddEquals(pairs(1, 2, 3), pairs(1, 2.5f, 3)));
        assertTrue(e.getMessage().contains("1 of 3 compared elements differ"), e.getMessage());
        assertTrue(e.getMessage().contains("at index 1: ._2[0]: expected 2.0 but was 2.5"), e.getMessage());
    }

    @Test
    void orderMattersUnlessUnordered() {
        JavaRDD<String> ab = jsc.parallelize(List.of("a", "b"));
        JavaRDD<String> ba = jsc.parallelize(List.of("b", "a"));
        assertThrows(AssertionFailedError.class, () -> assertRddEquals(ab, ba));
        assertRddEqualsUnordered(ab, ba);
    }

    @Test
    void sizeDifferenceListsTheExtraElements() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertRddEquals(List.of(1, 2), jsc.parallelize(List.of(1, 2, 7))));
        assertTrue(e.getMessage().contains("expected 2 elements but was 3"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected at index 2: 7"), e.getMessage());
    }

    @Test
    void unorderedDifferenceListsMissingAndUnexpected() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertRddEqualsUnordered(List.of(1, 2, 2, 3), jsc.parallelize(List.of(3, 2, 4, 1))));
        String m = e.getMessage();
        assertTrue(m.contains("missing 1, unexpected 1"), m);
        assertTrue(m.contains("missing: 2") && m.contains("unexpected: 4"), m);
    }

    @Test
    void toleranceAppliesToFloatArraysInsideTuples() {
        assertRddEquals(pairs(1, 2), pairs(1, 2.0001f), Tolerance.absolute(1e-3));
        assertRddEqualsUnordered(pairs(1, 2), pairs(1, 2.0001f), Tolerance.relative(1e-3));
        assertThrows(AssertionFailedError.class, () -> assertRddEqualsUnordered(pairs(1, 2), pairs(1, 2.01f),
                Tolerance.relative(1e-3)));
    }
}
