package org.dwimotion.model;

import java.util.Arrays;
import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.image.ImageGeometry;

/**
 * LOVO predictions of a whole series inside a mask, as computed by {@link SeriesPredictor}.
 *
 * @param geometry    the series' voxel grid
 * @param design      the design (column j of the output is volume {@code design.heldOutVolume(j)})
 * @param plan        the masked voxels and how they were chunked
 * @param predictions per chunk of {@code plan}, voxel-major {@code [k*V + j]}, scanner units (not copied: read-only)
 * @param counts      the kernels' special-case tallies
 * @param errors      per-volume prediction errors over the mask
 */
public record SeriesPrediction(ImageGeometry geometry, LovoDesign design, ChunkPlan plan, double[][] predictions,
                               LovoCounts counts, PredictionErrors errors) {

    /**
     * Fills one output volume: the predictions of column j at the masked voxels, 0 elsewhere.
     *
     * @param j   output column, 0 ≤ j &lt; V
     * @param out nVox values, x-fastest. Modified (every entry).
     */
    public void volume(int j, double[] out) {
        int v = design.nHeldOut();
        if (j < 0 || j >= v) {
            throw new IndexOutOfBoundsException("column " + j + " outside 0.." + (v - 1));
        }
        if (out.length != geometry.numVoxels()) {
            throw new IllegalArgumentException("volume array holds " + out.length + " values, the grid has "
                    + geometry.numVoxels());
        }
        Arrays.fill(out, 0);
        for (int c = 0; c < plan.numChunks(); c++) {
            double[] p = predictions[c];
            int start = plan.chunkStart(c);
            for (int k = 0, size = plan.chunkSize(c); k < size; k++) {
                out[plan.voxelIndex(start + k)] = p[k * v + j];
            }
        }
    }
}
