package org.dwimotion.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The few file operations dwimotion needs, over local paths or any Hadoop file system.
 *
 * <p>Locations are strings: without a scheme they are local paths, with one ({@code file:},
 * {@code hdfs://}, {@code s3a://}) they go through Hadoop's {@code FileSystem}; see {@link Locations}.
 * Outputs are written with {@link #createAtomically(String)}: bytes go to a temporary sibling and are
 * renamed onto the final name only when complete, so a failed write never leaves a half-written file.
 */
public interface Storage {

    /** Opens the location for reading (unbuffered: callers buffer). */
    InputStream openRead(String location) throws IOException;

    /** Size in bytes. */
    long length(String location) throws IOException;

    boolean exists(String location) throws IOException;

    /** Last modification time, milliseconds since the epoch (keys local copies: a changed file gets a new one). */
    long modificationTime(String location) throws IOException;

    /** Deletes the file if present; absent files are not an error. */
    void delete(String location) throws IOException;

    /** Creates (or truncates) the file for writing; prefer {@link #createAtomically(String)}. */
    OutputStream create(String location) throws IOException;

    /** Renames {@code from} to {@code to}, replacing {@code to} when it exists. */
    void rename(String from, String to) throws IOException;

    /**
     * Starts writing {@code location} through a temporary name in the same folder; call
     * {@link AtomicOutput#commit()} when complete, and close it in all cases (closing without a
     * commit deletes the temporary file).
     */
    default AtomicOutput createAtomically(String location) throws IOException {
        return AtomicOutput.open(this, location);
    }

    /** Writes a whole file atomically: {@code body} fills the stream, then the file is committed. */
    default void writeAtomically(String location, OutputBody body) throws IOException {
        try (AtomicOutput out = createAtomically(location)) {
            body.writeTo(out.stream());
            out.commit();
        }
    }

    /** Fills an output stream; may throw. */
    @FunctionalInterface
    interface OutputBody {
        void writeTo(OutputStream out) throws IOException;
    }
}
