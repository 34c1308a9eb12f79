package org.dwimotion.pipeline;

import org.dwimotion.chunk.ChunkOps;
import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoKernel;

/**
 * Fit/predict: assembles a voxel-major chunk from its pieces and predicts every held-out volume with a
 * {@link LovoKernel}. Only numbers come out; the kernel (and its workspace) stays with the caller, one per task.
 */
public final class FitPredictOps {
    private FitPredictOps() {
    }

    /**
     * @param pieces  the chunk's pieces, any order, covering every volume exactly once
     * @param k       voxels in the chunk
     * @return the chunk's predictions, {@code [p*V + j]} for voxel p and held-out column j
     * @throws IllegalStateException when the pieces do not cover the series exactly once
     */
    public static float[] predictChunk(Iterable<VolumePiece> pieces, int k, LovoKernel kernel, LovoCounts counts) {
        int n = kernel.design().nVolumes();
        float[] chunk = new float[k * n];
        boolean[] seen = new boolean[n];
        int covered = 0;
        for (VolumePiece p : pieces) {
            if (p.values().length != k * p.volumes()) {
                throw new IllegalStateException("piece of volumes " + p.firstVolume() + "+" + p.volumes() + " has "
                        + p.values().length + " values, expected " + k + " voxels × " + p.volumes());
            }
            for (int t = p.firstVolume(); t < p.firstVolume() + p.volumes(); t++) {
                if (seen[t]) {
                    throw new IllegalStateException("volume " + t + " arrived twice for one chunk");
                }
                seen[t] = true;
                covered++;
            }
            ChunkOps.scatterPiece(p.values(), k, p.volumes(), p.firstVolume(), chunk, n);
        }
        if (covered != n) {
            throw new IllegalStateException("a chunk received " + covered + " of " + n + " volumes");
        }
        float[] predictions = new float[k * kernel.design().nHeldOut()];
        kernel.predict(chunk, predictions, k, counts);
        return predictions;
    }
}
