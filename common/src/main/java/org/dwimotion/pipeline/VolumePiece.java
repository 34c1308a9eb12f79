package org.dwimotion.pipeline;

/**
 * The samples of one chunk for a block of consecutive volumes, as an ingest task emits them before the
 * shuffle by chunk ({@link org.dwimotion.chunk.ChunkOps} "piece" layout).
 *
 * @param firstVolume t0, the first volume of the block
 * @param volumes     B, the number of volumes in the block
 * @param values      K × B, {@code values[k*B + (t - t0)]}, scanner units; shared, not copied
 */
public record VolumePiece(int firstVolume, int volumes, float[] values) {
}
