package org.dwimotion.spark;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;
import org.dwimotion.io.nifti.LocalSeriesCopies;
import org.dwimotion.io.nifti.NiftiReadOptions;
import org.dwimotion.io.nifti.NiftiVolumeStream;

/**
 * Opens a series inside Spark code through {@link LocalSeriesCopies}: a gzipped series is decompressed once per
 * host folder into an uncompressed copy that later tasks seek in, instead of each task decompressing the file
 * from its start. The folder is {@code dwimotion-series} under {@link SparkFiles#getRootDirectory()}: on the
 * driver (and so in local mode, where the tasks run in the driver) a temporary folder under
 * {@code spark.local.dir} that Spark deletes when the context stops, and that the job empties when it ends
 * ({@link #deleteCopies()}); on a cluster executor its working directory, which the cluster manager removes with
 * the application.
 */
public final class ExecutorSeries {
    private ExecutorSeries() {
    }

    /** Opens {@code location} one volume at a time, from its local uncompressed copy when it is gzipped. */
    public static NiftiVolumeStream open(String location, NiftiReadOptions options) throws IOException {
        return copies().resolve(location, options.storage()).open(options);
    }

    /** As {@link #open(String, NiftiReadOptions)} with the default options and the executor's storage. */
    public static NiftiVolumeStream open(String location) throws IOException {
        return open(location, NiftiReadOptions.defaults().withStorage(ExecutorStorage.current()));
    }

    /** Deletes this JVM's copies (call on the driver when the job ends; in local mode this is all of them). */
    public static void deleteCopies() throws IOException {
        copies().deleteAll();
    }

    private static LocalSeriesCopies copies() {
        return new LocalSeriesCopies(Path.of(SparkFiles.getRootDirectory(), "dwimotion-series"));
    }
}
