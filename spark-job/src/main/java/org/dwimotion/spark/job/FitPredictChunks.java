package org.dwimotion.spark.job;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.dwimotion.chunk.ChunkOps;
import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoKernel;
import org.dwimotion.model.LovoKernels;
import org.dwimotion.pipeline.ChunkPrediction;
import org.dwimotion.pipeline.FitPredictOps;
import org.dwimotion.pipeline.IterationSpec;
import org.dwimotion.pipeline.VolumePiece;
import scala.Tuple2;

/**
 * Stage B (fit/predict), per partition: one LOVO kernel (and workspace) built from the broadcast spec, then for
 * each chunk (chunk c, its pieces) → (volume v, chunk c's prediction of v) for every volume. Chunks are processed
 * lazily, one at a time, so a task holds one chunk's signals and predictions (K × N floats each).
 */
final class FitPredictChunks
        implements PairFlatMapFunction<Iterator<Tuple2<Integer, Iterable<VolumePiece>>>, Integer, ChunkPrediction> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<IterationSpec> spec;
    private final LongAccumulator chunksDone;
    private final LongAccumulator wlsFallbacks;
    private final LongAccumulator clampedPredictions;

    FitPredictChunks(Broadcast<IterationSpec> spec, LongAccumulator chunksDone, LongAccumulator wlsFallbacks,
                     LongAccumulator clampedPredictions) {
        this.spec = spec;
        this.chunksDone = chunksDone;
        this.wlsFallbacks = wlsFallbacks;
        this.clampedPredictions = clampedPredictions;
    }

    @Override
    public Iterator<Tuple2<Integer, ChunkPrediction>> call(Iterator<Tuple2<Integer, Iterable<VolumePiece>>> chunks) {
        if (!chunks.hasNext()) {
            return Collections.emptyIterator();
        }
        IterationSpec s = spec.value();
        return new Emitter(chunks, s.plan(), LovoKernels.create(s.design()));
    }

    /** Predicts the next chunk when the previous one's volumes are all emitted. */
    private final class Emitter implements Iterator<Tuple2<Integer, ChunkPrediction>> {
        private final Iterator<Tuple2<Integer, Iterable<VolumePiece>>> chunks;
        private final ChunkPlan plan;
        private final LovoKernel kernel;
        private final int nHeldOut;
        private float[] predictions;
        private int chunk;
        private int k;
        private int next;

        Emitter(Iterator<Tuple2<Integer, Iterable<VolumePiece>>> chunks, ChunkPlan plan, LovoKernel kernel) {
            this.chunks = chunks;
            this.plan = plan;
            this.kernel = kernel;
            this.nHeldOut = kernel.design().nHeldOut();
            this.next = nHeldOut;
        }

        @Override
        public boolean hasNext() {
            if (next < nHeldOut) {
                return true;
            }
            if (!chunks.hasNext()) {
                return false;
            }
            Tuple2<Integer, Iterable<VolumePiece>> t = chunks.next();
            chunk = t._1();
            k = plan.chunkSize(chunk);
            LovoCounts counts = new LovoCounts();
            long[] clamped = new long[1];
            predictions = FitPredictOps.predictChunk(t._2(), k, kernel, counts, clamped);
            wlsFallbacks.add(counts.wlsFallbacks());
            clampedPredictions.add(clamped[0]);
            chunksDone.add(1);
            next = 0;
            return true;
        }

        @Override
        public Tuple2<Integer, ChunkPrediction> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int j = next++;
            float[] column = new float[k];
            ChunkOps.column(predictions, k, nHeldOut, j, column);
            return new Tuple2<>(kernel.design().heldOutVolume(j), new ChunkPrediction(chunk, column));
        }
    }
}
