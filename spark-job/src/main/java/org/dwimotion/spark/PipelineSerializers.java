package org.dwimotion.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.dwimotion.pipeline.ChunkPrediction;
import org.dwimotion.pipeline.IterationSpec;
import org.dwimotion.pipeline.VolumeOutcome;
import org.dwimotion.pipeline.VolumePiece;

/**
 * Explicit Kryo serializers for the job's records (Kryo 4's field serializer cannot set a record's final fields
 * reliably, and explicit layouts keep the wire format to the primitives themselves: no class names, no reflection).
 * Each writes its fields in declaration order, arrays as length + values.
 */
final class PipelineSerializers {
    private PipelineSerializers() {
    }

    static void register(Kryo kryo) {
        kryo.register(VolumePiece.class, new VolumePieceSerializer());
        kryo.register(ChunkPrediction.class, new ChunkPredictionSerializer());
        kryo.register(VolumeOutcome.class, new VolumeOutcomeSerializer());
        kryo.register(IterationSpec.class, new IterationSpecSerializer());
    }

    static final class VolumePieceSerializer extends Serializer<VolumePiece> {
        @Override
        public void write(Kryo kryo, Output out, VolumePiece p) {
            out.writeInt(p.firstVolume());
            out.writeInt(p.volumes());
            writeFloats(out, p.values());
        }

        @Override
        public VolumePiece read(Kryo kryo, Input in, Class<VolumePiece> type) {
            return new VolumePiece(in.readInt(), in.readInt(), readFloats(in));
        }
    }

    static final class ChunkPredictionSerializer extends Serializer<ChunkPrediction> {
        @Override
        public void write(Kryo kryo, Output out, ChunkPrediction p) {
            out.writeInt(p.chunk());
            writeFloats(out, p.values());
        }

        @Override
        public ChunkPrediction read(Kryo kryo, Input in, Class<ChunkPrediction> type) {
            return new ChunkPrediction(in.readInt(), readFloats(in));
        }
    }

    static final class VolumeOutcomeSerializer extends Serializer<VolumeOutcome> {
        @Override
        public void write(Kryo kryo, Output out, VolumeOutcome o) {
            out.writeInt(o.volume());
            writeDoubles(out, o.fixedToMoving());
            out.writeDouble(o.metric());
            out.writeBoolean(o.converged());
            out.writeInt(o.status());
            out.writeInt(o.iterations());
        }

        @Override
        public VolumeOutcome read(Kryo kryo, Input in, Class<VolumeOutcome> type) {
            return new VolumeOutcome(in.readInt(), readDoubles(in), in.readDouble(), in.readBoolean(), in.readInt(),
                    in.readInt());
        }
    }

    static final class IterationSpecSerializer extends Serializer<IterationSpec> {
        @Override
        public void write(Kryo kryo, Output out, IterationSpec s) {
            out.writeString(s.dwiLocation());
            writeInts(out, s.dims());
            writeDoubles(out, s.voxelToWorld());
            writeInts(out, s.maskIndices());
            writeInts(out, s.registrationMask());
            out.writeInt(s.chunkVoxels());
            out.writeInt(s.model());
            out.writeInt(s.fit());
            writeDoubles(out, s.bvals());
            writeDoubles(out, s.bvecs());
            out.writeDouble(s.b0Threshold());
            writeDoubles(out, s.transforms());
            out.writeBoolean(s.alignInput());
            out.writeInt(s.transformType());
            out.writeLong(s.seed());
            writeDoubles(out, s.phaseEncoding());
            writeInts(out, s.seriesVolumes());
        }

        @Override
        public IterationSpec read(Kryo kryo, Input in, Class<IterationSpec> type) {
            return new IterationSpec(in.readString(), readInts(in), readDoubles(in), readInts(in), readInts(in), in.readInt(),
                    in.readInt(), in.readInt(), readDoubles(in), readDoubles(in), in.readDouble(), readDoubles(in),
                    in.readBoolean(), in.readInt(), in.readLong(), readDoubles(in), readInts(in));
        }
    }

    private static void writeFloats(Output out, float[] a) {
        out.writeInt(a.length);
        out.writeFloats(a);
    }

    private static float[] readFloats(Input in) {
        return in.readFloats(in.readInt());
    }

    private static void writeDoubles(Output out, double[] a) {
        out.writeInt(a.length);
        out.writeDoubles(a);
    }

    private static double[] readDoubles(Input in) {
        return in.readDoubles(in.readInt());
    }

    private static void writeInts(Output out, int[] a) {
        out.writeInt(a.length);
        out.writeInts(a);
    }

    private static int[] readInts(Input in) {
        return in.readInts(in.readInt());
    }
}
