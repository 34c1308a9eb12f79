package org.dwimotion.spark.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Dataset comparisons for tests: the schemas must be equal (names, types and nullability, in order), then the
 * collected rows are compared as {@link RddAssertions} does, in order or as multisets, floats within a
 * {@link Tolerance}.
 */
public final class DatasetAssertions {

    /** Whether row order is part of the comparison. */
    public enum RowOrder { ORDERED, UNORDERED }

    private DatasetAssertions() {
    }

    public static <T> void assertDatasetEquals(Dataset<T> expected, Dataset<T> actual) {
        assertDatasetEquals(expected, actual, RowOrder.ORDERED, Tolerance.EXACT);
    }

    public static <T> void assertDatasetEqualsUnordered(Dataset<T> expected, Dataset<T> actual) {
        assertDatasetEquals(expected, actual, RowOrder.UNORDERED, Tolerance.EXACT);
    }

    public static <T> void assertDatasetEquals(Dataset<T> expected, Dataset<T> actual, RowOrder order,
                                               Tolerance tol) {
        assertSchemaEquals(expected.schema(), actual.schema());
        var e = expected.collectAsList();
        var a = actual.collectAsList();
        RddAssertions.failIfDifferent("Dataset rows differ", order == RowOrder.ORDERED
                ? ListComparison.ordered(e, a, tol)
                : ListComparison.unordered(e, a, tol));
    }

    public static void assertSchemaEquals(StructType expected, StructType actual) {
        if (!expected.equals(actual)) {
            fail("Dataset schemas differ:\nexpected:\n" + expected.treeString() + "actual:\n" + actual.treeString());
        }
    }
}
