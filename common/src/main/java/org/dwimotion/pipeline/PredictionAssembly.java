package org.dwimotion.pipeline;

import org.dwimotion.chunk.ChunkOps;
import org.dwimotion.chunk.ChunkPlan;

/** Puts one volume's per-chunk predictions back into a volume-major image (0 outside the mask). */
public final class PredictionAssembly {
    private PredictionAssembly() {
    }

    /**
     * @param parts    every chunk's prediction of the volume, any order
     * @param nVoxels  voxels per volume
     * @return the predicted volume, x-fastest, 0 outside the mask
     * @throws IllegalStateException when a chunk is missing or repeated
     */
    public static float[] assemble(Iterable<ChunkPrediction> parts, ChunkPlan plan, int nVoxels) {
        float[] volume = new float[nVoxels];
        boolean[] seen = new boolean[plan.numChunks()];
        int count = 0;
        for (ChunkPrediction p : parts) {
            if (seen[p.chunk()]) {
                throw new IllegalStateException("chunk " + p.chunk() + " predicted twice for one volume");
            }
            seen[p.chunk()] = true;
            count++;
            ChunkOps.scatterToVolume(p.values(), plan, p.chunk(), volume);
        }
        if (count != plan.numChunks()) {
            throw new IllegalStateException("a volume received " + count + " of " + plan.numChunks() + " chunks");
        }
        return volume;
    }
}
