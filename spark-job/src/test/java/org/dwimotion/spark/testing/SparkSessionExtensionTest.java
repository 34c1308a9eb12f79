package org.dwimotion.spark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@SparkTest
class SparkSessionExtensionTest {

    private final SparkSession fromConstructor;

    SparkSessionExtensionTest(SparkSession session) {
        this.fromConstructor = session;
    }

    @Test
    void injectsOneSharedSessionIntoConstructorsAndMethods(SparkSession session, JavaSparkContext jsc) {
        assertSame(fromConstructor, session);
        assertSame(session.sparkContext(), jsc.sc());
        assertEquals("local[2]", jsc.master());
        assertEquals("4", session.conf().get("spark.sql.shuffle.partitions"));
        assertFalse(jsc.sc().ui().isDefined(), "UI is off in tests");
        assertEquals(10, jsc.parallelize(java.util.List.of(1, 2, 3, 4), 2).reduce(Integer::sum));
    }

    @Nested
    class NestedClasses {
        @Test
        void seeTheSameSession(SparkSession session) {
            assertSame(fromConstructor, session);
        }
    }
}
