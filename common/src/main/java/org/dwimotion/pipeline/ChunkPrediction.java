package org.dwimotion.pipeline;

/**
 * The predictions of one volume for the voxels of one chunk, as a fit/predict task emits them before the
 * shuffle by volume.
 *
 * @param chunk  chunk index in the {@link org.dwimotion.chunk.ChunkPlan}
 * @param values K predicted signals, in the chunk's voxel order, scanner units; shared, not copied
 */
public record ChunkPrediction(int chunk, float[] values) {
}
