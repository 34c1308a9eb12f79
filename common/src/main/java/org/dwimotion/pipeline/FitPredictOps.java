package org.dwimotion.pipeline;

import org.dwimotion.chunk.ChunkOps;
import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoKernel;

/**
 * Fit/predict: assembles a voxel-major chunk from its pieces and predicts every held-out volume with a
 * {@link LovoKernel}. Only numbers come out; the kernel (and its workspace) stays with the caller, one per task.
 *
 * <p>Predictions are then clamped to {@code [0, max observed signal of the voxel]}: a diffusion-weighted signal
 * cannot exceed what the voxel ever showed, but a leave-one-out DKI fit on few, noisy, low-signal samples (the
 * highest shell, partial-volume and background voxels) can extrapolate its kurtosis term to absurd values
 * (measured: up to 1e16 at b=3000 with SNR 30), and one such voxel ruins the registration of the whole volume.
 * Non-finite predictions become 0. Per-voxel, so chunk-size invariant.
 */
public final class FitPredictOps {
    private FitPredictOps() {
    }

    /**
     * @param pieces  the chunk's pieces, any order, covering every volume exactly once
     * @param k       voxels in the chunk
     * @return the chunk's predictions, {@code [p*V + j]} for voxel p and held-out column j
     * @param clamped length ≥ 1; {@code clamped[0]} is incremented by the number of clamped predictions. Modified.
     * @throws IllegalStateException when the pieces do not cover the series exactly once
     */
    public static float[] predictChunk(Iterable<VolumePiece> pieces, int k, LovoKernel kernel, LovoCounts counts,
                                       long[] clamped) {
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
        clamped[0] += clampToObservedRange(chunk, predictions, k, n, kernel.design().nHeldOut());
        return predictions;
    }

    /**
     * Clamps every prediction of a voxel to {@code [0, max of its signals]}; non-finite ones become 0.
     *
     * @param signals     K × N voxel-major. Not modified.
     * @param predictions K × V voxel-major. Modified.
     * @return the number of predictions changed
     */
    public static long clampToObservedRange(float[] signals, float[] predictions, int k, int n, int v) {
        long changed = 0;
        for (int p = 0; p < k; p++) {
            float max = 0;
            for (int t = 0; t < n; t++) {
                max = Math.max(max, signals[p * n + t]);
            }
            for (int j = 0; j < v; j++) {
                float x = predictions[p * v + j];
                float c = Float.isFinite(x) ? Math.max(0f, Math.min(max, x)) : 0f;
                if (c != x) {
                    predictions[p * v + j] = c;
                    changed++;
                }
            }
        }
        return changed;
    }
}
