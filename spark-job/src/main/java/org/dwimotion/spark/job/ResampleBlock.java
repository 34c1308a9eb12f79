package org.dwimotion.spark.job;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiReadOptions;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.io.nifti.NiftiVolumeStream;
import org.dwimotion.pipeline.IterationSpec;
import org.dwimotion.pipeline.ReferenceResampling;

/**
 * Output stage: block b → its volumes resampled once from the original with the final transforms (cubic), in
 * volume order, for the driver to write one block at a time.
 */
final class ResampleBlock implements FlatMapFunction<Integer, float[]> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<IterationSpec> spec;
    private final int[] blockStarts;
    private final LongAccumulator volumesDone;

    ResampleBlock(Broadcast<IterationSpec> spec, int[] blockStarts, LongAccumulator volumesDone) {
        this.spec = spec;
        this.blockStarts = blockStarts.clone();
        this.volumesDone = volumesDone;
    }

    @Override
    public Iterator<float[]> call(Integer block) throws Exception {
        IterationSpec s = spec.value();
        ImageGeometry grid = s.geometry();
        int t0 = blockStarts[block];
        int t1 = blockStarts[block + 1];
        List<float[]> out = new ArrayList<>(t1 - t0);
        try (NiftiVolumeStream stream = NiftiReader.openVolumes(s.dwiLocation(), NiftiReadOptions.defaults())) {
            stream.skip(t0);
            float[] volume = new float[grid.numVoxels()];
            for (int t = t0; t < t1; t++) {
                stream.read(volume, 0);
                out.add(ReferenceResampling.toReference(volume, grid, s.transform(t)));
                volumesDone.add(1);
            }
        }
        return out.iterator();
    }
}
