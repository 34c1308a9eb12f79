package org.dwimotion.chunk;

/**
 * Moves samples between the two layouts the pipeline uses.
 *
 * <ul>
 *   <li><b>Volume-major</b>: one 3-D volume, {@code float[nVox]}, x-fastest.</li>
 *   <li><b>Voxel-major chunk</b>: K voxels × N volumes, {@code float[k*N + t]}, what the model kernels read.</li>
 *   <li><b>Piece</b>: K voxels × a block of B consecutive volumes {@code [t0, t0+B)}, {@code float[k*B + (t-t0)]}:
 *       what an ingest task emits for one chunk after reading B volumes, before the shuffle by chunk.</li>
 * </ul>
 * Raw kernels: no shape checks beyond what Java's bounds checks give.
 */
public final class ChunkOps {
    private ChunkOps() {
    }

    /**
     * Copies one volume's values for chunk c into column {@code t - t0} of a piece.
     *
     * @param volume volume-major samples of volume t. Not modified.
     * @param piece  K × B piece. Modified.
     */
    public static void gatherIntoPiece(float[] volume, ChunkPlan plan, int c, float[] piece, int blockVolumes, int column) {
        int s = plan.chunkStart(c);
        int k = plan.chunkSize(c);
        for (int p = 0; p < k; p++) {
            piece[p * blockVolumes + column] = volume[plan.voxelIndex(s + p)];
        }
    }

    /**
     * As {@link #gatherIntoPiece} from the values of the plan's voxels only ({@code regionValues[q]} for voxel
     * {@code plan.voxelIndex(q)}, e.g. {@code ReferenceResampling.toReferenceAt(…, plan.maskIndices())}).
     *
     * @param regionValues one value per masked voxel, in plan order. Not modified.
     * @param piece        K × B. Modified.
     */
    public static void copyIntoPiece(float[] regionValues, ChunkPlan plan, int c, float[] piece, int blockVolumes,
                                     int column) {
        int s = plan.chunkStart(c);
        int k = plan.chunkSize(c);
        for (int p = 0; p < k; p++) {
            piece[p * blockVolumes + column] = regionValues[s + p];
        }
    }

    /**
     * Copies a piece (K × B, volumes [t0, t0+B)) into a voxel-major chunk (K × N).
     *
     * @param piece K × B. Not modified.
     * @param chunk K × N. Modified.
     */
    public static void scatterPiece(float[] piece, int k, int blockVolumes, int t0, float[] chunk, int nVolumes) {
        for (int p = 0; p < k; p++) {
            System.arraycopy(piece, p * blockVolumes, chunk, p * nVolumes + t0, blockVolumes);
        }
    }

    /**
     * Extracts volume t's column from a voxel-major chunk.
     *
     * @param chunk K × N. Not modified.
     * @param out   length ≥ K. Modified.
     */
    public static void column(float[] chunk, int k, int nVolumes, int t, float[] out) {
        for (int p = 0; p < k; p++) {
            out[p] = chunk[p * nVolumes + t];
        }
    }

    /**
     * Writes chunk c's values for one volume back into a volume-major image.
     *
     * @param values K values of chunk c. Not modified.
     * @param volume volume-major image. Modified at the chunk's voxels only.
     */
    public static void scatterToVolume(float[] values, ChunkPlan plan, int c, float[] volume) {
        int s = plan.chunkStart(c);
        int k = plan.chunkSize(c);
        for (int p = 0; p < k; p++) {
            volume[plan.voxelIndex(s + p)] = values[p];
        }
    }
}
