package org.dwimotion.spark.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import org.apache.spark.api.java.JavaRDDLike;

/**
 * RDD comparisons for tests, in the spirit of spark-testing-base: both sides are collected (test-sized data only)
 * and compared element by element with deep equality (arrays, tuples, rows; floats within a {@link Tolerance}).
 *
 * <p>"Ordered" compares in collect order, that is partition order then order within partitions; use it after a
 * sort or when the partitioning is part of the contract. "Unordered" compares as multisets (duplicates count).
 * Failure messages give sizes, the first differing elements with the path to the first difference inside each
 * (e.g. {@code at index 3: ._2[17]: expected 1.0 but was 1.5}), or the missing and unexpected elements.
 */
public final class RddAssertions {

    private RddAssertions() {
    }

    public static <T> void assertRddEquals(JavaRDDLike<T, ?> expected, JavaRDDLike<T, ?> actual) {
        assertRddEquals(expected.collect(), actual, Tolerance.EXACT);
    }

    public static <T> void assertRddEquals(JavaRDDLike<T, ?> expected, JavaRDDLike<T, ?> actual, Tolerance tol) {
        assertRddEquals(expected.collect(), actual, tol);
    }

    public static <T> void assertRddEquals(List<T> expected, JavaRDDLike<T, ?> actual) {
        assertRddEquals(expected, actual, Tolerance.EXACT);
    }

    public static <T> void assertRddEquals(List<T> expected, JavaRDDLike<T, ?> actual, Tolerance tol) {
        failIfDifferent("RDDs differ", ListComparison.ordered(expected, actual.collect(), tol));
    }

    public static <T> void assertRddEqualsUnordered(JavaRDDLike<T, ?> expected, JavaRDDLike<T, ?> actual) {
        assertRddEqualsUnordered(expected.collect(), actual, Tolerance.EXACT);
    }

    public static <T> void assertRddEqualsUnordered(JavaRDDLike<T, ?> expected, JavaRDDLike<T, ?> actual,
                                                    Tolerance tol) {
        assertRddEqualsUnordered(expected.collect(), actual, tol);
    }

    public static <T> void assertRddEqualsUnordered(List<T> expected, JavaRDDLike<T, ?> actual) {
        assertRddEqualsUnordered(expected, actual, Tolerance.EXACT);
    }

    public static <T> void assertRddEqualsUnordered(List<T> expected, JavaRDDLike<T, ?> actual, Tolerance tol) {
        failIfDifferent("RDDs differ", ListComparison.unordered(expected, actual.collect(), tol));
    }

    static void failIfDifferent(String what, String difference) {
        if (difference != null) {
            fail(what + ": " + difference);
        }
    }
}
