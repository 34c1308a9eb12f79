package org.dwimotion.spark.testing;

import org.apache.spark.launcher.JavaModuleOptions;

/**
 * The JVM options Spark needs on Java 17 ({@code --add-opens ...}), for JVMs that tests start themselves.
 * Taken from Spark's own {@link JavaModuleOptions}, the same list the parent pom keeps in spark.java.opens.
 */
final class SparkJavaOptions {

    private SparkJavaOptions() {
    }

    static String[] opens() {
        return JavaModuleOptions.defaultModuleOptionArray();
    }
}
