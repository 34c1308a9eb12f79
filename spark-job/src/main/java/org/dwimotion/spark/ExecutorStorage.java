package org.dwimotion.spark;

import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;

/**
 * Storage for code running inside a Spark task. A plain {@code new Configuration()} on an executor misses the
 * job's {@code spark.hadoop.*} settings (an S3A endpoint, path-style access, credentials providers): in local
 * mode the driver's cached file system hides that, on a cluster it does not. This builds the configuration
 * the way Spark does for its own readers.
 */
public final class ExecutorStorage {
    private ExecutorStorage() {
    }

    /** Storage with the executor's Hadoop configuration, including the job's {@code spark.hadoop.*} settings. */
    public static Storage current() {
        return Locations.storage(SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf()));
    }
}
