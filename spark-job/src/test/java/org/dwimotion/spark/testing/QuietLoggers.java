package org.dwimotion.spark.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Silences some loggers while a test fails a Spark job on purpose, so the expected stack traces do not read like
 * failures in the build log.
 *
 * <pre>{@code
 * SparkException e = QuietLoggers.during(() -> assertThrows(SparkException.class, ...),
 *         QuietLoggers.SPARK_TASK_FAILURES);
 * }</pre>
 */
public final class QuietLoggers {

    /** Where Spark logs failed tasks (executor side and scheduler side). */
    public static final String[] SPARK_TASK_FAILURES = {
        "org.apache.spark.executor.Executor", "org.apache.spark.scheduler.TaskSetManager"};

    private final Map<String, Level> before = new LinkedHashMap<>();

    private QuietLoggers(String... names) {
        for (String name : names) {
            before.put(name, LogManager.getLogger(name).getLevel());
            Configurator.setLevel(name, Level.OFF);
        }
    }

    /** Runs {@code body} with the loggers {@code names} off, and restores their levels. */
    public static <T> T during(Supplier<T> body, String... names) {
        QuietLoggers quiet = new QuietLoggers(names);
        try {
            return body.get();
        } finally {
            quiet.restore();
        }
    }

    private void restore() {
        before.forEach(Configurator::setLevel);
    }
}
