package org.dwimotion.spark.job;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.dwimotion.io.nifti.NiftiVolumeStream;
import org.dwimotion.pipeline.IngestOps;
import org.dwimotion.pipeline.IterationSpec;
import org.dwimotion.pipeline.VolumePiece;
import scala.Tuple2;
import org.dwimotion.spark.ExecutorSeries;

/**
 * Stage A (ingest): block b → (chunk c, piece of chunk c for the block's volumes). The executor reads the series
 * itself, one forward pass over the block ({@link IngestOps#readBlock}).
 */
final class IngestBlock implements PairFlatMapFunction<Integer, Integer, VolumePiece> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<IterationSpec> spec;
    private final int[] blockStarts;
    private final LongAccumulator volumesRead;

    IngestBlock(Broadcast<IterationSpec> spec, int[] blockStarts, LongAccumulator volumesRead) {
        this.spec = spec;
        this.blockStarts = blockStarts.clone();
        this.volumesRead = volumesRead;
    }

    @Override
    public Iterator<Tuple2<Integer, VolumePiece>> call(Integer block) throws Exception {
        IterationSpec s = spec.value();
        int t0 = blockStarts[block];
        int count = blockStarts[block + 1] - t0;
        float[][] pieces;
        try (NiftiVolumeStream stream = ExecutorSeries.open(s.dwiLocation())) {
            pieces = IngestOps.readBlock(stream, s, t0, count);
        }
        List<Tuple2<Integer, VolumePiece>> out = new ArrayList<>(pieces.length);
        for (int c = 0; c < pieces.length; c++) {
            out.add(new Tuple2<>(c, new VolumePiece(t0, count, pieces[c])));
        }
        volumesRead.add(count);
        return out.iterator();
    }
}
