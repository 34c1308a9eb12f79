package org.dwimotion.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * Location strings and the {@link Storage} that serves them.
 *
 * <p>A location without a scheme ({@code /data/dwi.nii.gz}, {@code dwi.nii}) is a local path read with
 * java.nio. A location with a scheme of two or more letters ({@code file:/data/x.nii},
 * {@code hdfs://nn/x.nii.gz}, {@code s3a://bucket/x.nii.gz}) goes through Hadoop's {@code FileSystem}.
 * Names are manipulated as strings ({@code /} separated), which suits both kinds.
 */
public final class Locations {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private Locations() {
    }

    /** True when the location names a URI scheme (and so goes through Hadoop). */
    public static boolean hasScheme(String location) {
        return SCHEME.matcher(location).matches();
    }

    /** Storage for any location, with a default Hadoop configuration for schemed ones. */
    public static Storage storage() {
        return new Routing(null);
    }

    /** Storage for any location, using {@code conf} for schemed ones (e.g. Spark's hadoopConfiguration). */
    public static Storage storage(Configuration conf) {
        return new Routing(conf);
    }

    /** The last path element ({@code /a/b/dwi.nii.gz} gives {@code dwi.nii.gz}). */
    public static String fileName(String location) {
        int slash = location.lastIndexOf('/');
        return slash < 0 ? location : location.substring(slash + 1);
    }

    /** The location of {@code name} in the same folder as {@code location}. */
    public static String sibling(String location, String name) {
        int slash = location.lastIndexOf('/');
        return slash < 0 ? name : location.substring(0, slash + 1) + name;
    }

    /** {@code location} with a trailing {@code .nii.gz}, {@code .nii} (any case) removed, if present. */
    public static String stripNiftiExtension(String location) {
        String lower = location.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".nii.gz")) {
            return location.substring(0, location.length() - 7);
        }
        if (lower.endsWith(".nii")) {
            return location.substring(0, location.length() - 4);
        }
        return location;
    }

    /** A fresh hidden temporary name next to {@code location}. */
    static String temporarySibling(String location) {
        long r = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return sibling(location, "." + fileName(location) + ".tmp-" + Long.toString(r, 36));
    }

    /** Sends schemed locations to Hadoop, the rest to java.nio. */
    private static final class Routing implements Storage {
        private final Configuration conf;
        private Storage hadoop;

        Routing(Configuration conf) {
            this.conf = conf;
        }

        private synchronized Storage pick(String location) {
            if (!hasScheme(location)) {
                return LocalStorage.INSTANCE;
            }
            // created on first use: Hadoop is only loaded (and a default Configuration built) when needed
            if (hadoop == null) {
                hadoop = new HadoopStorage(conf);
            }
            return hadoop;
        }

        @Override
        public InputStream openRead(String location) throws IOException {
            return pick(location).openRead(location);
        }

        @Override
        public long length(String location) throws IOException {
            return pick(location).length(location);
        }

        @Override
        public long modificationTime(String location) throws IOException {
            return pick(location).modificationTime(location);
        }

        @Override
        public boolean exists(String location) throws IOException {
            return pick(location).exists(location);
        }

        @Override
        public void delete(String location) throws IOException {
            pick(location).delete(location);
        }

        @Override
        public OutputStream create(String location) throws IOException {
            return pick(location).create(location);
        }

        @Override
        public void rename(String from, String to) throws IOException {
            pick(to).rename(from, to);
        }
    }
}
