package org.dwimotion.spark.testing;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the test JVM's single {@link SparkSession} (or its {@link JavaSparkContext}) into test constructors and
 * methods. The session is created on first use and lives in JUnit's root store, which stops it when the test
 * plan ends ({@link SharedSpark#close()}); starting Spark once instead of per class saves seconds per class.
 *
 * <p>Tests must not stop the session or change its configuration. Use it through {@link SparkTest}.
 */
public final class SparkSessionExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SparkSessionExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SparkSession.class || type == JavaSparkContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SharedSpark shared = shared(context);
        return parameter.getParameter().getType() == SparkSession.class ? shared.session() : shared.jsc();
    }

    /** The shared session, started if needed (for other extensions and utilities). */
    public static SharedSpark shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedSpark.class, key -> SharedSpark.start(), SharedSpark.class);
    }
}
