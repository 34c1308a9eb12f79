package org.dwimotion.io.nifti;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.dwimotion.io.LocalStorage;
import org.dwimotion.io.Storage;

/**
 * Uncompressed local copies of gzipped NIfTI series, so that a reader that needs volumes t0..t1 of a
 * {@code .nii.gz} seeks to them instead of decompressing the file from its start (gzip cannot seek: a job that
 * reads a series in b blocks would otherwise decompress it about b/2 times).
 *
 * <p>The copy of a series lives in {@link #dir()} under a name derived from the source location, its length
 * and its modification time ({@link #key}), so a changed source gets a new copy. The first reader decompresses
 * the whole file (header, extensions and voxel data, byte for byte) into a temporary sibling and renames it onto
 * that name; a lock on a sibling {@code .lock} file makes concurrent readers — threads of one JVM or processes on
 * one host — wait for that copy instead of making their own. The state is on the file system only: no static
 * caches. Uncompressed sources are read in place (their streams already seek). Copies are deleted only by
 * {@link #delete} (the job that made a series' copy, when it ends: other jobs of the same application, e.g. a bulk
 * run's concurrent series, may be reading theirs from the same folder) or {@link #deleteAll()}.
 *
 * @param dir a local folder for the copies (created when needed); it needs the uncompressed size of each series
 */
public record LocalSeriesCopies(Path dir) {
    /** Wait between attempts to take a lock another thread of this JVM holds (FileChannel locks do not queue). */
    private static final long LOCK_RETRY_MS = 20;

    /**
     * Where a series is read from: a location and the storage that opens it, and the user's location, which
     * messages name (the same unless this is a copy).
     */
    public record Source(String location, Storage storage, String original) {
        /** Opens it one volume at a time. */
        public NiftiVolumeStream open(NiftiReadOptions options) throws IOException {
            return NiftiVolumeStream.open(location, original, options.withStorage(storage));
        }
    }

    /**
     * The source to read {@code location} from: itself when it is not gzipped, else its local uncompressed copy,
     * made now unless it exists.
     */
    public Source resolve(String location, Storage storage) throws IOException {
        if (!isGzip(location, storage)) {
            return new Source(location, storage, location);
        }
        Path copy = copyPath(location, storage);
        copyOnce(location, storage, copy);
        return new Source(copy.toString(), LocalStorage.INSTANCE, location);
    }

    /** A file name for a source: hex SHA-256 of its location, length (bytes) and modification time (ms). */
    static String key(String location, long length, long modifiedMs) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((location + '\n' + length + '\n' + modifiedMs).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Makes {@code copy} (the decompressed {@code location}) unless it exists; one maker at a time. */
    void copyOnce(String location, Storage storage, Path copy) throws IOException {
        if (Files.exists(copy)) {
            return;
        }
        Files.createDirectories(dir);
        Path lockFile = copy.resolveSibling(copy.getFileName() + ".lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lock(ch)) {
            if (Files.exists(copy)) {
                return; // made by whoever held the lock before us
            }
            Path tmp = Files.createTempFile(dir, copy.getFileName().toString(), ".tmp");
            try {
                decompress(location, storage, tmp);
                move(tmp, copy);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Deletes the copy of {@code location} (and its lock file), if any; other series' copies are left alone.
     * Nothing to do for an uncompressed source.
     */
    public void delete(String location, Storage storage) throws IOException {
        if (!isGzip(location, storage)) {
            return;
        }
        Path copy = copyPath(location, storage);
        Files.deleteIfExists(copy);
        Files.deleteIfExists(copy.resolveSibling(copy.getFileName() + ".lock"));
    }

    private Path copyPath(String location, Storage storage) throws IOException {
        return dir.resolve(key(location, storage.length(location), storage.modificationTime(location)) + ".nii");
    }

    /** Deletes the folder and every copy in it; a missing folder is not an error. */
    public void deleteAll() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /**
     * Takes the lock: blocks on another process's lock; polls while another thread of this JVM holds it (the JVM
     * refuses a second overlapping lock with {@link OverlappingFileLockException} instead of waiting).
     */
    private static FileLock lock(FileChannel ch) throws IOException {
        while (true) {
            try {
                return ch.lock();
            } catch (OverlappingFileLockException e) {
                try {
                    Thread.sleep(LOCK_RETRY_MS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + ch, ie);
                }
            }
        }
    }

    private static boolean isGzip(String location, Storage storage) throws IOException {
        try (InputStream in = storage.openRead(location)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static void decompress(String location, Storage storage, Path target) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(storage.openRead(location), 1 << 16), 1 << 16);
             OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw NiftiVolumeStream.wrap(location, e, "gzip stream (making an uncompressed local copy)");
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
