package org.dwimotion.spark.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.dwimotion.io.Locations;

/**
 * All-or-nothing output folder: files are written into a staging folder {@code <output>.tmp-<id>} next to the
 * target, which {@link #commit()} renames onto {@code <output>} at the very end; {@link #abort()} (on any failure)
 * deletes the staging folder. A run therefore leaves either the complete folder or nothing (a killed JVM may
 * leave a {@code .tmp-} folder, never a partial {@code <output>}). Local paths use java.nio, schemed locations
 * Hadoop's {@code FileSystem} (whose rename of a folder is atomic on HDFS, a copy on S3A).
 */
public final class OutputFolder {
    private final String target;
    private final String staging;
    private final Configuration conf;
    private boolean done;

    private OutputFolder(String target, String staging, Configuration conf) {
        this.target = target;
        this.staging = staging;
        this.conf = conf;
    }

    /** Fails when {@code output} exists (nothing is created then). */
    public static void requireAbsent(String output, Configuration conf) throws IOException {
        if (exists(strip(output), conf)) {
            throw new IllegalArgumentException(output + ": output folder already exists; choose a new one");
        }
    }

    /** Checks that the target is absent and creates the staging folder. */
    public static OutputFolder begin(String output, Configuration conf) throws IOException {
        String target = strip(output);
        requireAbsent(target, conf);
        String id = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        OutputFolder f = new OutputFolder(target, target + ".tmp-" + id, conf);
        if (Locations.hasScheme(target)) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f.staging);
            if (!p.getFileSystem(conf).mkdirs(p)) {
                throw new IOException(f.staging + ": cannot create the staging folder");
            }
        } else {
            try {
                Files.createDirectories(Path.of(f.staging));
            } catch (IOException e) {
                throw new IOException(output + ": cannot create the output (staging folder " + f.staging + "): "
                        + e.getMessage(), e);
            }
        }
        return f;
    }

    /** Location of {@code name} inside the staging folder. */
    public String file(String name) {
        return staging + "/" + name;
    }

    public String target() {
        return target;
    }

    public String staging() {
        return staging;
    }

    /** Renames the staging folder onto the target. */
    public void commit() throws IOException {
        requireAbsent(target, conf);
        if (Locations.hasScheme(target)) {
            org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(staging);
            FileSystem fs = src.getFileSystem(conf);
            if (!fs.rename(src, new org.apache.hadoop.fs.Path(target))) {
                throw new IOException("cannot rename " + staging + " to " + target);
            }
        } else {
            Files.move(Path.of(staging), Path.of(target), StandardCopyOption.ATOMIC_MOVE);
        }
        done = true;
    }

    /** Deletes the staging folder (after a failure); never throws, adds problems to {@code cause}. */
    public void abort(Throwable cause) {
        if (done) {
            return;
        }
        try {
            if (Locations.hasScheme(staging)) {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(staging);
                p.getFileSystem(conf).delete(p, true);
            } else if (Files.exists(Path.of(staging))) {
                try (Stream<Path> walk = Files.walk(Path.of(staging))) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        done = true;
    }

    private static boolean exists(String location, Configuration conf) throws IOException {
        if (Locations.hasScheme(location)) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            return p.getFileSystem(conf).exists(p);
        }
        return Files.exists(Path.of(location));
    }

    private static String strip(String output) {
        String s = output;
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
