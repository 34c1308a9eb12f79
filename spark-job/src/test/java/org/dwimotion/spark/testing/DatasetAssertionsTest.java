package org.dwimotion.spark.testing;

import static org.dwimotion.spark.testing.DatasetAssertions.assertDatasetEquals;
import static org.dwimotion.spark.testing.DatasetAssertions.assertDatasetEqualsUnordered;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@SparkTest
class DatasetAssertionsTest {

    private static final StructType SCHEMA = new StructType()
            .add("volume", DataTypes.IntegerType, false)
            .add("params", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

    private final SparkSession spark;

    DatasetAssertionsTest(SparkSession spark) {
        this.spark = spark;
    }

    private Dataset<Row> frame(double... firstParams) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < firstParams.length; i++) {
            rows.add(RowFactory.create(i, new double[] {firstParams[i], 0.5}));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    @Test
    void equalFramesPassOrderedAndUnordered() {
        assertDatasetEquals(frame(1, 2), frame(1, 2));
        assertDatasetEqualsUnordered(frame(1, 2).orderBy(org.apache.spark.sql.functions.col("volume").desc()),
                frame(1, 2));
    }

    @Test
    void rowDifferenceNamesRowAndField() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertDatasetEquals(frame(1, 2), frame(1, 3)));
        assertTrue(e.getMessage().contains("at index 1: [1][0]: expected 2.0 but was 3.0"), e.getMessage());
    }

    @Test
    void toleranceOnDoubleArrays() {
        assertDatasetEquals(frame(1, 2), frame(1, 2 + 1e-9), DatasetAssertions.RowOrder.UNORDERED,
                Tolerance.absolute(1e-6));
    }

    @Test
    void schemaDifferenceIsReportedFirst() {
        Dataset<Row> renamed = frame(1, 2).withColumnRenamed("volume", "vol");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertDatasetEquals(frame(1, 2), renamed));
        assertTrue(e.getMessage().contains("schemas differ") && e.getMessage().contains("vol"), e.getMessage());
    }
}
