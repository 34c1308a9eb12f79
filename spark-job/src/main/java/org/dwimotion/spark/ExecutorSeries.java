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
 * ({@link #deleteCopy}); on a cluster executor its working directory, which the cluster manager removes with
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

    /**
     * Deletes this JVM's copy of {@code location} (call on the driver when the job ends; in local mode the tasks
     * ran here too). Only that series' copy: a bulk run's other series may be reading theirs.
     */
    public static void deleteCopy(String location) throws IOException {
        copies().delete(location, ExecutorStorage.current());
    }

    private static LocalSeriesCopies copies() {
        return new LocalSeriesCopies(Path.of(SparkFiles.getRootDirectory(), "dwimotion-series"));
    }
}
