package org.dwimotion.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output being written under a temporary sibling name ({@code .<name>.tmp-<random>}) and renamed onto
 * its final name by {@link #commit()}. Closing without a commit (an exception on the way) deletes the
 * temporary file, so readers never see a partial output under the final name.
 */
public final class AtomicOutput implements Closeable {
    private final Storage storage;
    private final String target;
    private final String temp;
    private final OutputStream stream;
    private boolean committed;
    private boolean closed;

    private AtomicOutput(Storage storage, String target, String temp, OutputStream stream) {
        this.storage = storage;
        this.target = target;
        this.temp = temp;
        this.stream = stream;
    }

    static AtomicOutput open(Storage storage, String target) throws IOException {
        String temp = Locations.temporarySibling(target);
        OutputStream raw;
        try {
            raw = storage.create(temp);
        } catch (IOException e) {
            throw new IOException("cannot create output " + target + " (temporary " + temp + "): " + e.getMessage(), e);
        }
        return new AtomicOutput(storage, target, temp, new BufferedOutputStream(raw, 1 << 16));
    }

    /** The stream to write to (buffered). Do not close it yourself. */
    public OutputStream stream() {
        return stream;
    }

    /** The final location. */
    public String target() {
        return target;
    }

    /** Flushes, closes and renames the temporary file onto the target. */
    public void commit() throws IOException {
        if (closed) {
            throw new IllegalStateException("output " + target + " already closed");
        }
        closed = true;
        try {
            stream.close();
            storage.rename(temp, target);
            committed = true;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(e);
            throw new IOException("cannot complete output " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        if (!closed) {
            closed = true;
            try {
                stream.close();
            } catch (IOException e) {
                // the write already failed; the temporary is removed below
            }
        }
        deleteQuietly(null);
    }

    private void deleteQuietly(Throwable cause) {
        try {
            storage.delete(temp);
        } catch (IOException | RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }
}
