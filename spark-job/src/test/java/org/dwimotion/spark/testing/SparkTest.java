package org.dwimotion.spark.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that uses Spark: its constructors and test methods may declare
 * {@link org.apache.spark.sql.SparkSession} or {@link org.apache.spark.api.java.JavaSparkContext} parameters,
 * which receive the one session shared by the whole test JVM ({@link SparkSessionExtension}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SparkSessionExtension.class)
@Tag("spark")
public @interface SparkTest {
}
