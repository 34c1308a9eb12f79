package org.dwimotion.spark.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.dwimotion.bids.VolumeSource;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiReadOptions;
import org.dwimotion.io.nifti.NiftiVolumeStream;
import org.dwimotion.pipeline.IterationSpec;
import org.dwimotion.pipeline.ReferenceResampling;
import org.dwimotion.pipeline.VolumeBlocks;
import org.dwimotion.spark.ExecutorSeries;

/**
 * The job's volumes for the outputs writer, with the driver holding a bounded number of corrected volumes:
 *
 * <ul>
 *   <li>{@link #corrected}: requests in volume order (the writer streams the series) are served from a Spark
 *       stream of {@link ResampleBlock}s ({@link #resampledStream}: executors resample blocks of volumes
 *       concurrently; the driver holds one batch of blocks, bounded by
 *       {@link MotionCorrectionJob#OUTPUT_BUDGET_VALUES} floats or parallelism volumes). A request for volume 0 (re)starts the
 *       stream (the writer passes twice over an int16 input: a lossless-int16 check that stops at the first
 *       non-integer value, then the write); any other request out of order (the report's few volumes) is
 *       resampled here on the driver with the same code, so it is bit-identical.</li>
 *   <li>{@link #observed}: read from the input (its local uncompressed copy when gzipped, {@link ExecutorSeries}).</li>
 *   <li>{@link #predicted}: the last iteration's predictions of the few volumes kept for the report, else
 *       null.</li>
 * </ul>
 */
final class JobVolumeSource implements VolumeSource {
    private final JavaSparkContext jsc;
    private final Broadcast<IterationSpec> spec;
    private final NiftiReadOptions readOptions;
    private final Map<Integer, float[]> predictions;
    private final LongAccumulator resampled;
    private final ImageGeometry grid;
    private final int n;
    private Iterator<float[]> stream;
    private int next;
    private int cachedVolume = -1;
    private float[] cachedObserved;

    /**
     * @param spec        the final transforms (broadcast; the caller destroys it)
     * @param predictions volume → its last-iteration prediction on the grid (x-fastest), for a few volumes
     * @param resampled   counts the volumes resampled by the stream (progress)
     */
    JobVolumeSource(JavaSparkContext jsc, Broadcast<IterationSpec> spec, NiftiReadOptions readOptions,
                    Map<Integer, float[]> predictions, LongAccumulator resampled) {
        this.jsc = jsc;
        spec.value().requireIdentityVolumeMap("the outputs");
        this.spec = spec;
        this.readOptions = readOptions;
        this.predictions = Map.copyOf(predictions);
        this.resampled = resampled;
        this.grid = spec.value().geometry();
        this.n = spec.value().nVolumes();
    }

    @Override
    public Image3D observed(int v) throws IOException {
        return new Image3D(grid, observedData(v));
    }

    @Override
    public Image3D predicted(int v) {
        float[] p = predictions.get(v);
        return p == null ? null : new Image3D(grid, p);
    }

    @Override
    public Image3D corrected(int v) throws IOException {
        if (v == 0) {
            stream = open(); // lazy: nothing runs until the first block is taken
            next = 0;
        }
        if (stream != null && v == next) {
            if (!stream.hasNext()) {
                throw new IllegalStateException(spec.value().dwiLocation() + ": " + next + " of " + n
                        + " volumes resampled");
            }
            next++;
            return new Image3D(grid, stream.next());
        }
        return new Image3D(grid, ReferenceResampling.toReference(observedData(v), grid, spec.value().transform(v)));
    }

    private float[] observedData(int v) throws IOException {
        if (v != cachedVolume) {
            // through the local uncompressed copy the tasks use (in local mode it is already there): a read of a
            // late volume of a .nii.gz would otherwise decompress the series up to it
            float[] data = new float[grid.numVoxels()];
            try (NiftiVolumeStream stream = ExecutorSeries.open(spec.value().dwiLocation(), readOptions)) {
                stream.skip(v);
                stream.read(data, 0);
            }
            cachedObserved = data;
            cachedVolume = v;
        }
        return cachedObserved;
    }

    private Iterator<float[]> open() {
        return resampledStream(jsc, spec, IntStream.range(0, n).toArray(), resampled);
    }

    /**
     * The given volumes resampled with the final transforms, in order. Blocks of volumes are resampled by
     * executors, {@code parallelism} blocks per Spark job ({@link PartitionBatchStream}), each block at most
     * {@link MotionCorrectionJob#OUTPUT_BUDGET_VALUES} / parallelism floats (one volume when a volume is larger), so
     * the driver holds one batch: at most the budget, or parallelism volumes.
     */
    static Iterator<float[]> resampledStream(JavaSparkContext jsc, Broadcast<IterationSpec> spec, int[] volumes,
                                             LongAccumulator done) {
        int parallelism = Math.max(1, jsc.defaultParallelism());
        int[] blockStarts = VolumeBlocks.starts(volumes.length, VolumeBlocks.count(volumes.length,
                spec.value().geometry().numVoxels(), MotionCorrectionJob.OUTPUT_BUDGET_VALUES / parallelism,
                parallelism));
        int blocks = blockStarts.length - 1;
        List<Integer> ids = new ArrayList<>(blocks);
        IntStream.range(0, blocks).forEach(ids::add);
        return new PartitionBatchStream<>(jsc.parallelize(ids, blocks)
                .flatMap(new ResampleBlock(spec, volumes, blockStarts, done)), parallelism);
    }
}
