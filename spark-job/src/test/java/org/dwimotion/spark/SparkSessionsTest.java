package org.dwimotion.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** Who wins in {@link SparkSessions#conf}; no Spark context is started. */
class SparkSessionsTest {

    @TempDir
    Path dir;

    @Test
    void builtInDefaultsAndKryoPolicy() {
        SparkConf conf = SparkSessions.conf(new SparkSettings("app", null, false, null, Map.of()));
        assertEquals("local[*]", conf.get("spark.master"));
        assertEquals("app", conf.get("spark.app.name"));
        assertEquals("false", conf.get("spark.ui.enabled"));
        assertEquals("16", conf.get("spark.sql.shuffle.partitions"));
        assertEquals("org.apache.spark.serializer.KryoSerializer", conf.get("spark.serializer"));
        assertEquals("true", conf.get("spark.kryo.registrationRequired"));
        assertEquals(DwimotionKryoRegistrator.class.getName(), conf.get("spark.kryo.registrator"));
    }

    @Test
    void defaultsFileBeatsBuiltInsAndOverridesBeatTheFile() throws IOException {
        Path file = dir.resolve("spark-defaults.conf");
        Files.writeString(file, """
                # comment
                spark.master                  local[3]
                spark.sql.shuffle.partitions  7
                spark.executor.memory=768m
                not.a.spark.key               ignored
                spark.kryo.registrationRequired false
                """);
        SparkConf conf = SparkSessions.conf(new SparkSettings("app", null, true, file,
                Map.of("spark.executor.memory", "1g")));
        assertEquals("local[3]", conf.get("spark.master"));
        assertEquals("7", conf.get("spark.sql.shuffle.partitions"));
        assertEquals("1g", conf.get("spark.executor.memory"));
        assertEquals("true", conf.get("spark.ui.enabled"));
        assertFalse(conf.contains("not.a.spark.key"));
        assertEquals("true", conf.get("spark.kryo.registrationRequired"), "the Kryo policy cannot be turned off");

        SparkConf explicit = SparkSessions.conf(new SparkSettings("app", "local[1]", false, file, Map.of()));
        assertEquals("local[1]", explicit.get("spark.master"));
    }

    @Test
    void missingDefaultsFileNamesTheFile() {
        Path missing = dir.resolve("nope.conf");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> SparkSessions.conf(new SparkSettings("app", null, false, missing, Map.of())));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void locateUsesTheHomeProperty() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/spark-defaults.conf"), "spark.master local[2]\n");
        String before = System.getProperty(SparkDefaultsFile.HOME_PROPERTY);
        try {
            System.setProperty(SparkDefaultsFile.HOME_PROPERTY, dir.toString());
            assertEquals(dir.resolve("conf/spark-defaults.conf"), SparkDefaultsFile.locate());
        } finally {
            if (before == null) {
                System.clearProperty(SparkDefaultsFile.HOME_PROPERTY);
            } else {
                System.setProperty(SparkDefaultsFile.HOME_PROPERTY, before);
            }
        }
    }

    @Test
    void picocliMixinParsesOptions() {
        SparkOptions options = new SparkOptions();
        new CommandLine(options).parseArgs("--master", "spark://127.0.0.1:7077", "--spark-conf", "spark.a=1",
                "--spark-conf", "spark.b=x=y", "--spark-ui", "--spark-defaults", dir.resolve("d.conf").toString());
        SparkSettings s = options.toSettings("app");
        assertEquals("spark://127.0.0.1:7077", s.master());
        assertEquals(Map.of("spark.a", "1", "spark.b", "x=y"), s.overrides());
        assertTrue(s.uiEnabled());
        assertEquals(dir.resolve("d.conf"), s.defaultsFile());
        SparkSettings plain = new SparkOptions().toSettings("app");
        assertNull(plain.master());
    }
}
