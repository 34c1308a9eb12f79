package org.dwimotion.pipeline;

import java.io.IOException;
import org.dwimotion.chunk.ChunkOps;
import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiVolumeStream;

/**
 * Ingest: reads a block of consecutive volumes of a spec in one forward pass and cuts them into per-chunk pieces.
 * Memory: one volume plus the pieces, i.e. (masked voxels) × (block volumes) floats.
 */
public final class IngestOps {
    private IngestOps() {
    }

    /**
     * Reads the spec's volumes {@code [t0, t0 + count)} from {@code stream}, i.e. series volumes
     * {@link IterationSpec#seriesVolume} of them (the stream must not be past the first; volumes in between are
     * skipped), aligns each with its current transform when {@code spec.alignInput()}, and gathers them.
     *
     * @return one piece per chunk c of {@code spec.plan()}, {@code float[chunkSize(c) * count]}, layout
     *         {@code [k*count + (t - t0)]}
     */
    public static float[][] readBlock(NiftiVolumeStream stream, IterationSpec spec, int t0, int count)
            throws IOException {
        ChunkPlan plan = spec.plan();
        ImageGeometry grid = spec.geometry();
        int first = spec.seriesVolume(t0);
        if (stream.nextIndex() > first) {
            throw new IllegalStateException(stream.location() + ": stream is at volume " + stream.nextIndex()
                    + ", past the block start " + first);
        }
        float[][] pieces = new float[plan.numChunks()][];
        for (int c = 0; c < pieces.length; c++) {
            pieces[c] = new float[plan.chunkSize(c) * count];
        }
        float[] volume = new float[grid.numVoxels()];
        // aligned input is interpolated at the plan's voxels only (the predicted region), not over the whole grid
        int[] region = spec.alignInput() ? plan.maskIndices() : null;
        for (int i = 0; i < count; i++) {
            stream.skip(spec.seriesVolume(t0 + i) - stream.nextIndex());
            stream.read(volume, 0);
            if (region != null) {
                float[] values = ReferenceResampling.toReferenceAt(volume, grid, spec.transform(t0 + i), region);
                for (int c = 0; c < pieces.length; c++) {
                    ChunkOps.copyIntoPiece(values, plan, c, pieces[c], count, i);
                }
            } else {
                for (int c = 0; c < pieces.length; c++) {
                    ChunkOps.gatherIntoPiece(volume, plan, c, pieces[c], count, i);
                }
            }
        }
        return pieces;
    }
}
