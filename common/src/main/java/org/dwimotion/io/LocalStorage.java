package org.dwimotion.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@link Storage} over plain local paths (java.nio); the location is the path string. */
public final class LocalStorage implements Storage {
    public static final LocalStorage INSTANCE = new LocalStorage();

    private LocalStorage() {
    }

    @Override
    public InputStream openRead(String location) throws IOException {
        return Files.newInputStream(Path.of(location));
    }

    @Override
    public long length(String location) throws IOException {
        return Files.size(Path.of(location));
    }

    @Override
    public long modificationTime(String location) throws IOException {
        return Files.getLastModifiedTime(Path.of(location)).toMillis();
    }

    @Override
    public boolean exists(String location) {
        return Files.exists(Path.of(location));
    }

    @Override
    public void delete(String location) throws IOException {
        Files.deleteIfExists(Path.of(location));
    }

    @Override
    public OutputStream create(String location) throws IOException {
        return Files.newOutputStream(Path.of(location));
    }

    @Override
    public void rename(String from, String to) throws IOException {
        try {
            Files.move(Path.of(from), Path.of(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(Path.of(from), Path.of(to), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
