package org.dwimotion.spark.testing;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.spark.SparkSessions;
import org.dwimotion.spark.SparkSettings;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The session shared by all Spark tests of a JVM: {@code local[2]}, no UI, Kryo with registration required
 * (the production policy of {@link SparkSessions}), 4 shuffle partitions, bound to loopback.
 */
public final class SharedSpark implements ExtensionContext.Store.CloseableResource {

    /** The settings of the shared test session. */
    public static final SparkSettings SETTINGS = new SparkSettings("dwimotion-tests", "local[2]", false, null,
            java.util.Map.of(
                    "spark.sql.shuffle.partitions", "4",
                    "spark.default.parallelism", "4",
                    "spark.driver.host", "127.0.0.1",
                    "spark.driver.bindAddress", "127.0.0.1",
                    "spark.sql.ui.retainedExecutions", "10",
                    "spark.ui.showConsoleProgress", "false"));

    private final SparkSession session;
    private final JavaSparkContext jsc;

    private SharedSpark(SparkSession session) {
        this.session = session;
        this.jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    static SharedSpark start() {
        return new SharedSpark(SparkSessions.create(SETTINGS));
    }

    public SparkSession session() {
        return session;
    }

    public JavaSparkContext jsc() {
        return jsc;
    }

    @Override
    public void close() {
        session.stop();
    }
}
