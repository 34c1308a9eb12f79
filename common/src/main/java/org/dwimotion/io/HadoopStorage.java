package org.dwimotion.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@link Storage} through Hadoop's {@code FileSystem}: {@code file:}, {@code hdfs://}, {@code s3a://}, ...
 *
 * <p>File systems come from {@code FileSystem.get(uri, conf)} (Hadoop's cache) and are never closed
 * here: they are shared with Spark. Hadoop is a provided dependency: this class is only loaded when
 * a location has a scheme.
 */
public final class HadoopStorage implements Storage {
    private final Configuration conf;

    /** @param conf the Hadoop configuration to use; null means a default {@code new Configuration()} */
    public HadoopStorage(Configuration conf) {
        this.conf = conf == null ? new Configuration() : conf;
    }

    private Path path(String location) {
        return new Path(URI.create(location));
    }

    private FileSystem fs(Path p) throws IOException {
        return p.getFileSystem(conf);
    }

    @Override
    public InputStream openRead(String location) throws IOException {
        Path p = path(location);
        return fs(p).open(p, 1 << 16);
    }

    @Override
    public long length(String location) throws IOException {
        Path p = path(location);
        return fs(p).getFileStatus(p).getLen();
    }

    @Override
    public long modificationTime(String location) throws IOException {
        Path p = path(location);
        return fs(p).getFileStatus(p).getModificationTime();
    }

    @Override
    public boolean exists(String location) throws IOException {
        Path p = path(location);
        return fs(p).exists(p);
    }

    @Override
    public void delete(String location) throws IOException {
        Path p = path(location);
        fs(p).delete(p, false);
    }

    @Override
    public OutputStream create(String location) throws IOException {
        Path p = path(location);
        return fs(p).create(p, true);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Path src = path(from);
        Path dst = path(to);
        FileSystem fs = fs(dst);
        // HDFS and S3A refuse to rename onto an existing file: remove it first
        if (fs.exists(dst) && !fs.delete(dst, false)) {
            throw new IOException("cannot replace existing " + to);
        }
        if (!fs.rename(src, dst)) {
            if (!fs.exists(src)) {
                throw new FileNotFoundException("cannot rename " + from + ": it does not exist");
            }
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }
}
