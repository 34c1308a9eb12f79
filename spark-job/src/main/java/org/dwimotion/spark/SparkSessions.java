package org.dwimotion.spark;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark configuration and session of a dwimotion run.
 *
 * <p>Precedence, lowest first: {@link #BUILT_IN_DEFAULTS}; the defaults file ({@code conf/spark-defaults.conf});
 * {@code spark.*} system properties (which is how {@code spark-submit} passes its options); the
 * {@link SparkSettings#overrides() overrides} ({@code --spark-conf}); an explicit {@link SparkSettings#master()}.
 * The Kryo policy ({@link #KRYO_POLICY}) is applied last and cannot be turned off: every class that crosses the
 * wire must be registered in {@link DwimotionKryoRegistrator}, so a missing one fails loudly in tests instead of
 * silently costing a class name per record.
 */
public final class SparkSessions {

    /** Defaults for keys nobody else set. Shuffle partitions are modest: our shuffles are per volume, not big. */
    public static final Map<String, String> BUILT_IN_DEFAULTS = orderedMap(
            "spark.master", "local[*]",
            "spark.ui.enabled", "false",
            "spark.ui.showConsoleProgress", "false",
            "spark.sql.shuffle.partitions", "16");

    /** Settings that always hold (see class comment). */
    public static final Map<String, String> KRYO_POLICY = orderedMap(
            "spark.serializer", KryoSerializer.class.getName(),
            "spark.kryo.registrationRequired", "true",
            "spark.kryo.registrator", DwimotionKryoRegistrator.class.getName());

    private SparkSessions() {
    }

    /** The configuration for {@code settings}; see the class comment for who wins. */
    public static SparkConf conf(SparkSettings settings) {
        SparkConf conf = new SparkConf(true); // loads spark.* system properties (spark-submit's options)
        if (settings.defaultsFile() != null) {
            SparkDefaultsFile.read(settings.defaultsFile()).forEach(conf::setIfMissing);
        }
        BUILT_IN_DEFAULTS.forEach(conf::setIfMissing);
        conf.setIfMissing("spark.app.name", settings.appName());
        if (settings.uiEnabled()) {
            conf.set("spark.ui.enabled", "true");
        }
        settings.overrides().forEach(conf::set);
        if (settings.master() != null) {
            conf.setMaster(settings.master());
        }
        KRYO_POLICY.forEach(conf::set);
        return conf;
    }

    /**
     * Creates the session configured by {@code settings}. If one is already running in this JVM (tests), Spark
     * returns it and applies only runtime SQL settings; the caller that created a session stops it.
     */
    public static SparkSession create(SparkSettings settings) {
        return SparkSession.builder().config(conf(settings)).getOrCreate();
    }

    private static Map<String, String> orderedMap(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
