package org.dwimotion.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * {@link FileTree} for any location: local paths through java.nio, schemed ones through Hadoop's
 * {@code FileSystem} (from its cache, never closed here: shared with Spark). Mirrors {@link Locations#storage}.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /** @param conf Hadoop configuration for schemed locations (e.g. Spark's); null for a default one */
    public static FileTree of(Configuration conf) {
        return new Routing(conf);
    }

    private static String strip(String folder) {
        String s = folder;
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static final class Routing implements FileTree {
        private final Configuration conf;
        private Hadoop hadoop;

        Routing(Configuration conf) {
            this.conf = conf;
        }

        private synchronized FileTree pick(String location) {
            if (!Locations.hasScheme(location)) {
                return Local.INSTANCE;
            }
            if (hadoop == null) {
                hadoop = new Hadoop(conf == null ? new Configuration() : conf);
            }
            return hadoop;
        }

        @Override
        public List<Entry> list(String folder) throws IOException {
            return pick(folder).list(folder);
        }

        @Override
        public Entry stat(String location) throws IOException {
            return pick(location).stat(location);
        }

        @Override
        public void deleteTree(String location) throws IOException {
            pick(location).deleteTree(location);
        }

        @Override
        public void mkdirs(String location) throws IOException {
            pick(location).mkdirs(location);
        }
    }

    private static final class Local implements FileTree {
        static final Local INSTANCE = new Local();

        @Override
        public List<Entry> list(String folder) throws IOException {
            String base = strip(folder);
            Path dir = Path.of(base);
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            List<Entry> out = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Entry e = stat(base + "/" + p.getFileName());
                    if (e != null) {
                        out.add(e);
                    }
                }
            }
            out.sort(Comparator.comparing(Entry::name));
            return out;
        }

        @Override
        public Entry stat(String location) throws IOException {
            String loc = strip(location);
            try {
                BasicFileAttributes a = Files.readAttributes(Path.of(loc), BasicFileAttributes.class);
                return new Entry(loc, Locations.fileName(loc), a.isDirectory(), a.isDirectory() ? 0 : a.size(),
                        a.lastModifiedTime().toMillis());
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        @Override
        public void deleteTree(String location) throws IOException {
            Path root = Path.of(strip(location));
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }

        @Override
        public void mkdirs(String location) throws IOException {
            Files.createDirectories(Path.of(strip(location)));
        }
    }

    private static final class Hadoop implements FileTree {
        private final Configuration conf;

        Hadoop(Configuration conf) {
            this.conf = conf;
        }

        private static org.apache.hadoop.fs.Path path(String location) {
            return new org.apache.hadoop.fs.Path(URI.create(strip(location)));
        }

        private FileSystem fs(org.apache.hadoop.fs.Path p) throws IOException {
            return p.getFileSystem(conf);
        }

        private static Entry entry(String location, FileStatus s) {
            return new Entry(location, Locations.fileName(location), s.isDirectory(),
                    s.isDirectory() ? 0 : s.getLen(), s.getModificationTime());
        }

        @Override
        public List<Entry> list(String folder) throws IOException {
            String base = strip(folder);
            org.apache.hadoop.fs.Path p = path(base);
            FileStatus[] children;
            try {
                children = fs(p).listStatus(p);
            } catch (FileNotFoundException e) {
                return List.of();
            }
            List<Entry> out = new ArrayList<>(children.length);
            for (FileStatus s : children) {
                // keep the caller's spelling of the folder (Hadoop would qualify it, e.g. file:/ → file:///)
                out.add(entry(base + "/" + s.getPath().getName(), s));
            }
            out.sort(Comparator.comparing(Entry::name));
            return out;
        }

        @Override
        public Entry stat(String location) throws IOException {
            org.apache.hadoop.fs.Path p = path(location);
            try {
                return entry(strip(location), fs(p).getFileStatus(p));
            } catch (FileNotFoundException e) {
                return null;
            }
        }

        @Override
        public void deleteTree(String location) throws IOException {
            org.apache.hadoop.fs.Path p = path(location);
            FileSystem fs = fs(p);
            if (fs.exists(p) && !fs.delete(p, true) && fs.exists(p)) {
                throw new IOException("cannot delete " + location);
            }
        }

        @Override
        public void mkdirs(String location) throws IOException {
            org.apache.hadoop.fs.Path p = path(location);
            if (!fs(p).mkdirs(p)) {
                throw new IOException("cannot create the folder " + location);
            }
        }
    }
}
