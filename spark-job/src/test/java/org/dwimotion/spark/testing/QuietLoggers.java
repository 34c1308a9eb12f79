package org.dwimotion.spark.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Silences some loggers for the length of a test that fails a Spark job on purpose, so the expected stack traces
 * do not read like failures in the build log.
 *
 * <pre>{@code
 * try (QuietLoggers q = QuietLoggers.silence(QuietLoggers.SPARK_TASK_FAILURES)) { ... }
 * }</pre>
 */
public final class QuietLoggers implements AutoCloseable {

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

    public static QuietLoggers silence(String... names) {
        return new QuietLoggers(names);
    }

    @Override
    public void close() {
        before.forEach(Configurator::setLevel);
    }
}
