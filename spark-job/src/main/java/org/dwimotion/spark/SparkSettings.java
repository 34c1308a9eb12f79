package org.dwimotion.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a dwimotion run asks of Spark, before it is turned into a {@link org.apache.spark.SparkConf} by
 * {@link SparkSessions#conf(SparkSettings)}.
 *
 * @param appName       Spark application name
 * @param master        master URL ({@code local[*]}, {@code spark://host:7077}, ...); {@code null} keeps the one
 *                      given by spark-submit or the defaults file, else {@code local[*]}
 * @param uiEnabled     whether to start the Spark web UI (port 4040 and up); off by default because local runs
 *                      rarely need it and concurrent runs would fight for the port
 * @param defaultsFile  a {@code spark-defaults.conf} to read (key/value per line, as Spark's own); {@code null}
 *                      for none. A missing file given explicitly is an error; see {@link SparkDefaultsFile}
 * @param overrides     {@code spark.*} settings that win over everything except the Kryo policy
 */
public record SparkSettings(String appName, String master, boolean uiEnabled, Path defaultsFile,
                            Map<String, String> overrides) {

    public SparkSettings {
        Objects.requireNonNull(appName, "appName");
        overrides = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(overrides, "overrides")));
    }

    /** Settings of a plain local run: {@code local[*]}, no UI, no defaults file, no overrides. */
    public static SparkSettings local(String appName) {
        return new SparkSettings(appName, "local[*]", false, null, Map.of());
    }

    public SparkSettings withMaster(String newMaster) {
        return new SparkSettings(appName, newMaster, uiEnabled, defaultsFile, overrides);
    }

    /** A copy with one more override (later calls win). */
    public SparkSettings with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(overrides);
        m.put(key, value);
        return new SparkSettings(appName, master, uiEnabled, defaultsFile, m);
    }
}
