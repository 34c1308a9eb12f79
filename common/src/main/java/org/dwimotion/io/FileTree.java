package org.dwimotion.io;

import java.io.IOException;
import java.util.List;

/**
 * Folder operations that {@link Storage} leaves out: listing a folder and deleting a whole tree. Used to discover
 * a dataset and to clear a stale series output. Locations follow {@link Locations}: no scheme = local path,
 * a scheme ({@code file:}, {@code hdfs://}, {@code s3a://}) = Hadoop's {@code FileSystem}.
 */
public interface FileTree {

    /**
     * One child of a listed folder.
     *
     * @param location         full location (the folder's location + "/" + name)
     * @param name             last path element
     * @param directory        whether it is a folder (on S3: a common prefix)
     * @param length           bytes (0 for folders)
     * @param modificationTime milliseconds since the epoch (0 when the store has none, e.g. S3 prefixes)
     */
    record Entry(String location, String name, boolean directory, long length, long modificationTime) {
    }

    /** The children of {@code folder}, sorted by name; an absent folder gives an empty list. */
    List<Entry> list(String folder) throws IOException;

    /** The entry for a file or folder, or null when absent. */
    Entry stat(String location) throws IOException;

    /** Deletes a file or a folder with everything in it; absent is not an error. */
    void deleteTree(String location) throws IOException;

    /** Creates a folder and its parents (no-op on object stores, where folders are implicit). */
    void mkdirs(String location) throws IOException;
}
