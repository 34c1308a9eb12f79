package org.dwimotion.spark.bulk;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.RowFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dwimotion.group.SeriesMotion;
import org.dwimotion.group.VolumeTable;
import org.dwimotion.io.FileTree;
import org.dwimotion.io.Locations;
import org.dwimotion.report.GroupReport;
import org.dwimotion.spark.ExecutorStorage;

/**
 * Spark SQL over the series' volume rows: gathers the {@link VolumeTable} files of the complete series into
 * {@code <output>/group/volumes.parquet} and aggregates the per-series summary and the FD histogram (a few rows
 * each reach the driver, never the volume rows).
 */
final class GroupTables {
    static final String FOLDER = "group";
    static final String PARQUET = "volumes.parquet";
    static final int HISTOGRAM_BINS = 30;

    /** The table's schema, in {@link VolumeTable#COLUMNS} order. */
    static final StructType SCHEMA = new StructType()
            .add("subject", DataTypes.StringType, false)
            .add("session", DataTypes.StringType, true)
            .add("series", DataTypes.StringType, false)
            .add("volume", DataTypes.IntegerType, false)
            .add("bval", DataTypes.DoubleType, true)
            .add("trans_x", DataTypes.DoubleType, true)
            .add("trans_y", DataTypes.DoubleType, true)
            .add("trans_z", DataTypes.DoubleType, true)
            .add("rot_x", DataTypes.DoubleType, true)
            .add("rot_y", DataTypes.DoubleType, true)
            .add("rot_z", DataTypes.DoubleType, true)
            .add("framewise_displacement", DataTypes.DoubleType, true)
            .add("registration_metric", DataTypes.DoubleType, true)
            .add("registration_converged", DataTypes.IntegerType, true)
            .add("fd_outlier", DataTypes.IntegerType, true);

    /** What the group step produced. */
    record Group(String parquet, List<SeriesMotion> series, GroupReport.Histogram histogram) {
    }

    private GroupTables() {
    }

    /**
     * Reads the rows of the given series folders, writes the Parquet table (replacing an older one only once the
     * new one is complete) and returns the per-series summary and the FD histogram.
     */
    static Group build(SparkSession spark, FileTree tree, String outputRoot, List<String> seriesFolders,
                       double fdThreshold) throws IOException {
        String folder = outputRoot + "/" + FOLDER;
        String target = folder + "/" + PARQUET;
        if (seriesFolders.isEmpty()) {
            return new Group(null, List.of(), new GroupReport.Histogram(GroupReport.Histogram.edges(1, 1),
                    new long[1]));
        }
        // executors read the small per-series files: Spark's own file reader would list thousands of paths in a
        // listing job (and the driver would hold the whole index)
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(seriesFolders.size(), 4 * jsc.defaultParallelism()));
        JavaRDD<Row> read = jsc.parallelize(seriesFolders, slices).flatMap(new ReadVolumeRows());
        Dataset<Row> rows = spark.createDataFrame(read, SCHEMA);
        String staging = folder + "/." + PARQUET + ".tmp-"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        tree.mkdirs(folder);
        try {
            rows.repartition(Math.max(1, Math.min(16, seriesFolders.size() / 64 + 1)))
                    .sortWithinPartitions("series", "volume")
                    .write().mode(SaveMode.ErrorIfExists).parquet(sparkPath(staging));
            tree.deleteTree(target);
            Locations.storage(spark.sparkContext().hadoopConfiguration()).rename(staging, target);
        } catch (IOException | RuntimeException e) {
            try {
                tree.deleteTree(staging);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        Dataset<Row> table = spark.read().parquet(sparkPath(target));
        List<SeriesMotion> summary = new ArrayList<>();
        for (Row r : summarise(table).collectAsList()) {
            summary.add(new SeriesMotion(r.getString(0), r.isNullAt(1) ? null : r.getString(1), r.getString(2),
                    (int) r.getLong(3), nan(r, 4), nan(r, 5), nan(r, 6), nan(r, 7), (int) r.getLong(8),
                    (int) r.getLong(9)));
        }
        return new Group(target, summary, histogram(table, fdThreshold));
    }

    /** Per series: volumes, mean/max FD, max |translation|, max |rotation|, flagged and non-converged volumes. */
    static Dataset<Row> summarise(Dataset<Row> table) {
        return table.groupBy("subject", "session", "series")
                .agg(count(lit(1)).as("volumes"),
                        avg("framewise_displacement").as("mean_fd"),
                        max("framewise_displacement").as("max_fd"),
                        max(greatest(abs(col("trans_x")), abs(col("trans_y")), abs(col("trans_z")))).as("max_translation"),
                        max(greatest(abs(col("rot_x")), abs(col("rot_y")), abs(col("rot_z")))).as("max_rotation"),
                        sum("fd_outlier").cast("long").as("flagged_volumes"),
                        sum(lit(1).minus(col("registration_converged"))).cast("long").as("not_converged"))
                .orderBy("series");
    }

    /** FD of every volume in {@link #HISTOGRAM_BINS} bins from 0 to max(2 × threshold, max FD). */
    static GroupReport.Histogram histogram(Dataset<Row> table, double fdThreshold) {
        Row m = table.agg(max("framewise_displacement")).first();
        double top = Math.max(2 * fdThreshold, m.isNullAt(0) ? 0 : m.getDouble(0));
        double[] edges = GroupReport.Histogram.edges(top, HISTOGRAM_BINS);
        long[] counts = new long[HISTOGRAM_BINS];
        double width = top / HISTOGRAM_BINS;
        List<Row> bins = table.where(col("framewise_displacement").isNotNull())
                .select(least(floor(col("framewise_displacement").divide(width)), lit(HISTOGRAM_BINS - 1))
                        .cast("int").as("bin"))
                .groupBy("bin").count().collectAsList();
        for (Row r : bins) {
            counts[Math.max(0, r.getInt(0))] += r.getLong(1);
        }
        return new GroupReport.Histogram(edges, counts);
    }

    /** Series folder → the rows of its {@link VolumeTable} file, read on an executor. */
    static final class ReadVolumeRows implements FlatMapFunction<String, Row> {
        @Override
        public Iterator<Row> call(String folder) throws IOException {
            String location = folder + "/" + VolumeTable.FILE_NAME;
            String text;
            try (InputStream in = ExecutorStorage.current().openRead(location)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<Row> out = new ArrayList<>();
            for (Object[] r : VolumeTable.parse(location, text)) {
                out.add(RowFactory.create(r));
            }
            return out.iterator();
        }
    }

    /**
     * The location as Spark SQL must see it: schemed locations as they are, local paths as absolute {@code file:}
     * URIs (a bare path would resolve against {@code fs.defaultFS}, which may be HDFS).
     */
    static String sparkPath(String location) {
        return Locations.hasScheme(location) ? location
                : java.nio.file.Path.of(location).toAbsolutePath().normalize().toUri().toString();
    }

    private static double nan(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }
}
