package org.dwimotion.spark.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.dwimotion.spark.SparkDefaultsFile;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of {@code dwimotion run} from {@code conf/dwimotion-defaults.properties}: keys are long option names
 * without the dashes ({@code chunk-voxels = 1000}). Located like {@code conf/spark-defaults.conf}
 * ({@link SparkDefaultsFile}): under the {@value SparkDefaultsFile#HOME_PROPERTY} system property, else the working
 * directory; the system property {@value #FILE_PROPERTY} names another file. No file: the built-in defaults.
 * Command-line flags always win (picocli consults this provider only for options not given).
 */
public final class RunDefaults implements IDefaultValueProvider {
    /** System property naming a defaults file explicitly. */
    public static final String FILE_PROPERTY = "dwimotion.defaults";
    static final Path RELATIVE = Path.of("conf", "dwimotion-defaults.properties");

    private final Properties values;

    /** Reads the located file (or none). */
    public RunDefaults() {
        this(locate());
    }

    RunDefaults(Path file) {
        values = new Properties();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read defaults file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The defaults file to use, or null. */
    public static Path locate() {
        String explicit = System.getProperty(FILE_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = System.getProperty(SparkDefaultsFile.HOME_PROPERTY);
        if (home != null && !home.isBlank() && Files.isRegularFile(Path.of(home).resolve(RELATIVE))) {
            return Path.of(home).resolve(RELATIVE);
        }
        Path cwd = RELATIVE.toAbsolutePath();
        return Files.isRegularFile(cwd) ? cwd : null;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        String key = o.longestName().replaceFirst("^-+", "");
        String v = values.getProperty(key);
        return v == null ? null : v.trim();
    }
}
