package org.dwimotion.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Finds and reads the repository's {@code conf/spark-defaults.conf}.
 *
 * <p>Lookup when no file is named on the command line: the system property {@value #HOME_PROPERTY}
 * (set by {@code scripts/dwimotion} and {@code scripts/submit.sh} to the repository root), then the working
 * directory; the first {@code conf/spark-defaults.conf} that exists is used, and none at all is fine.
 */
public final class SparkDefaultsFile {

    /** System property naming the dwimotion installation (repository root). */
    public static final String HOME_PROPERTY = "dwimotion.home";
    static final Path RELATIVE = Path.of("conf", "spark-defaults.conf");

    private SparkDefaultsFile() {
    }

    /** The defaults file to use when none is named, or {@code null} when there is none. */
    public static Path locate() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            Path p = Path.of(home).resolve(RELATIVE);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        Path cwd = RELATIVE.toAbsolutePath();
        return Files.isRegularFile(cwd) ? cwd : null;
    }

    /**
     * Reads {@code key value} (or {@code key=value}) lines the way Spark reads its own defaults file;
     * {@code #} starts a comment. Only {@code spark.*} keys are kept, as Spark does.
     *
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static Map<String, String> read(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Spark defaults file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("spark.")) {
                out.put(key, props.getProperty(key).trim());
            }
        }
        return out;
    }
}
