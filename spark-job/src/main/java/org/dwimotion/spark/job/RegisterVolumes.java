package org.dwimotion.spark.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiVolumeStream;
import org.dwimotion.pipeline.ChunkPrediction;
import org.dwimotion.pipeline.IterationSpec;
import org.dwimotion.pipeline.PredictionAssembly;
import org.dwimotion.pipeline.VolumeOutcome;
import org.dwimotion.pipeline.VolumeRegistrationOps;
import scala.Tuple2;
import org.dwimotion.spark.ExecutorSeries;

/**
 * Stage C (register), per partition of consecutive volumes sorted by volume: assembles each volume's prediction
 * from its chunks, reads the observed original volume (its {@link IterationSpec#seriesVolume}; one forward pass over
 * the partition's range) and registers it ({@link VolumeRegistrationOps}). Holds one volume's predictions at a time.
 */
final class RegisterVolumes implements FlatMapFunction<Iterator<Tuple2<Integer, ChunkPrediction>>, VolumeOutcome> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<IterationSpec> spec;
    private final LongAccumulator volumesDone;

    RegisterVolumes(Broadcast<IterationSpec> spec, LongAccumulator volumesDone) {
        this.spec = spec;
        this.volumesDone = volumesDone;
    }

    @Override
    public Iterator<VolumeOutcome> call(Iterator<Tuple2<Integer, ChunkPrediction>> sorted) {
        if (!sorted.hasNext()) {
            return Collections.emptyIterator();
        }
        return new Registrar(sorted, spec.value());
    }

    private final class Registrar implements Iterator<VolumeOutcome> {
        private final Iterator<Tuple2<Integer, ChunkPrediction>> sorted;
        private final IterationSpec spec;
        private final ChunkPlan plan;
        private final ImageGeometry grid;
        private final Image3D mask;
        private final float[] observed;
        private Tuple2<Integer, ChunkPrediction> pending;
        private NiftiVolumeStream stream;

        Registrar(Iterator<Tuple2<Integer, ChunkPrediction>> sorted, IterationSpec spec) {
            this.sorted = sorted;
            this.spec = spec;
            this.plan = spec.plan();
            this.grid = spec.geometry();
            this.mask = spec.maskImage();
            this.observed = new float[grid.numVoxels()];
            this.pending = sorted.next();
        }

        @Override
        public boolean hasNext() {
            if (pending == null && stream != null) {
                close();
            }
            return pending != null;
        }

        @Override
        public VolumeOutcome next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int v = pending._1();
            List<ChunkPrediction> parts = new ArrayList<>(plan.numChunks());
            while (pending != null && pending._1() == v) {
                parts.add(pending._2());
                pending = sorted.hasNext() ? sorted.next() : null;
            }
            float[] prediction = PredictionAssembly.assemble(parts, plan, grid.numVoxels());
            try {
                if (stream == null) {
                    stream = ExecutorSeries.open(spec.dwiLocation());
                }
                stream.skip(spec.seriesVolume(v) - stream.nextIndex());
                stream.read(observed, 0);
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(e);
            }
            VolumeOutcome o = VolumeRegistrationOps.register(v, prediction, observed, grid, mask, spec.transform(v),
                    spec.registrationSettings(v)); // b=0: rigid
            volumesDone.add(1);
            return o;
        }

        private void close() {
            try {
                stream.close();
            } catch (IOException ignored) {
                // read-only stream: nothing to lose
            }
            stream = null;
        }
    }
}
