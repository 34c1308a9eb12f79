package org.dwimotion.spark.job;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiVolumeStream;
import org.dwimotion.pipeline.IterationSpec;
import org.dwimotion.pipeline.ReferenceResampling;
import org.dwimotion.spark.ExecutorSeries;

/**
 * Output stage: block b → its volumes resampled once from the original with the final transforms (cubic), in
 * order, for the driver to take a batch of blocks at a time ({@link PartitionBatchStream}). Block b holds the volumes
 * {@code volumes[blockStarts[b] .. blockStarts[b+1])} (ascending): the whole series for the corrected series,
 * the b=0 volumes for the reference image.
 */
final class ResampleBlock implements FlatMapFunction<Integer, float[]> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<IterationSpec> spec;
    private final int[] volumes;
    private final int[] blockStarts;
    private final LongAccumulator volumesDone;

    /**
     * @param volumes     ascending volume indices to resample
     * @param blockStarts block b covers positions {@code [blockStarts[b], blockStarts[b+1])} of {@code volumes}
     */
    ResampleBlock(Broadcast<IterationSpec> spec, int[] volumes, int[] blockStarts, LongAccumulator volumesDone) {
        spec.value().requireIdentityVolumeMap("resampling");
        this.spec = spec;
        this.volumes = volumes.clone();
        this.blockStarts = blockStarts.clone();
        this.volumesDone = volumesDone;
    }

    @Override
    public Iterator<float[]> call(Integer block) throws Exception {
        IterationSpec s = spec.value();
        ImageGeometry grid = s.geometry();
        int p0 = blockStarts[block];
        int p1 = blockStarts[block + 1];
        List<float[]> out = new ArrayList<>(p1 - p0);
        try (NiftiVolumeStream stream = ExecutorSeries.open(s.dwiLocation())) {
            float[] volume = new float[grid.numVoxels()];
            for (int p = p0; p < p1; p++) {
                int t = volumes[p];
                stream.skip(t - stream.nextIndex());
                stream.read(volume, 0);
                out.add(ReferenceResampling.toReference(volume, grid, s.transform(t)));
                volumesDone.add(1);
            }
        }
        return out.iterator();
    }
}
