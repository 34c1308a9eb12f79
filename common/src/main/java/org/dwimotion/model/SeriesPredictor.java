package org.dwimotion.model;

import java.io.IOException;
import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiFormatException;
import org.dwimotion.io.nifti.NiftiHeader;
import org.dwimotion.io.nifti.NiftiReadOptions;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.io.nifti.NiftiVolumeStream;
import org.dwimotion.io.nifti.NiftiVolumeWriter;
import org.dwimotion.io.nifti.NiftiWriteOptions;
import org.dwimotion.io.nifti.Int16Scaling;

/**
 * LOVO predictions of a whole series in one process (no Spark): reads the masked voxels of a 4-D NIfTI in one pass
 * as voxel-major chunks, predicts them on a thread pool ({@link LovoPredictionOps}), measures the per-volume error
 * ({@link PredictionErrors}) and writes the predictions as a 4-D NIfTI on the series' grid.
 *
 * <p>Conventions: voxel indices x-fastest; signals in scanner units; b in s/mm². Results are identical, bit for bit,
 * whatever the thread count and chunk size (each voxel's prediction depends on its own samples only; error sums run
 * in mask order). Signals are read as float32 (exact for integer data up to 2^24 and for float32 files).
 */
public final class SeriesPredictor {
    private SeriesPredictor() {
    }

    /**
     * The voxel-wise mean of the b=0 volumes, streaming the file up to the last of them.
     *
     * @param b0Volumes b=0 volume indices, increasing, at least one. Not modified.
     * @return mean b=0 image (float32), same grid as the series; NaN where a sample is NaN and the read policy kept it
     */
    public static Image3D meanB0(String location, NiftiReadOptions options, int[] b0Volumes) throws IOException {
        if (b0Volumes.length == 0) {
            throw new IllegalArgumentException(location + ": no b=0 volume to average");
        }
        try (NiftiVolumeStream s = NiftiReader.openVolumes(location, options)) {
            NiftiHeader h = s.header();
            int nVox = h.voxelsPerVolume();
            double[] sum = new double[nVox];
            float[] vol = new float[nVox];
            for (int b : b0Volumes) {
                if (b < s.nextIndex() || b >= h.nt()) {
                    throw new IllegalArgumentException(location + ": b=0 volume " + b + " is not in 0.." + (h.nt() - 1)
                            + " or not in increasing order");
                }
                s.skip(b - s.nextIndex());
                s.read(vol, 0);
                for (int i = 0; i < nVox; i++) {
                    sum[i] += vol[i];
                }
            }
            float[] mean = new float[nVox];
            for (int i = 0; i < nVox; i++) {
                mean[i] = (float) (sum[i] / b0Volumes.length);
            }
            return new Image3D(h.geometry(), mean);
        }
    }

    /**
     * The mask "mean b=0 &gt; 0" (what DIPY's golden predictions of the data crops use).
     *
     * @param meanB0 mean b=0 image. Not modified.
     * @return 1 where the value is finite and positive, else 0; x-fastest
     */
    public static byte[] positiveMask(Image3D meanB0) {
        float[] d = meanB0.data();
        byte[] m = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            m[i] = (byte) (d[i] > 0 && d[i] < Float.POSITIVE_INFINITY ? 1 : 0);
        }
        return m;
    }

    /**
     * Predicts every held-out volume of {@code design} at every voxel of {@code plan}.
     *
     * @param location a 4-D NIfTI whose volumes match {@code design.nVolumes()}
     * @param options  read options (storage, non-finite policy); non-finite voxels predict 0 and are counted
     * @param plan     masked voxels (indices into the series' grid) and chunk size
     * @param threads  worker threads, ≥ 1
     * @throws NiftiFormatException     for a bad file, naming it
     * @throws IllegalArgumentException when the file does not match the design or the plan, naming it
     */
    public static SeriesPrediction predict(String location, NiftiReadOptions options, LovoDesign design,
                                           ChunkPlan plan, int threads) throws IOException {
        NiftiHeader h = NiftiReader.readHeader(location, options);
        if (h.nt() != design.nVolumes()) {
            throw new IllegalArgumentException(location + ": the series has " + h.nt() + " volumes, the gradient table "
                    + design.nVolumes());
        }
        int nVox = h.voxelsPerVolume();
        if (plan.maskedVoxels() > 0 && plan.voxelIndex(plan.maskedVoxels() - 1) >= nVox) {
            throw new IllegalArgumentException(location + ": mask voxel " + plan.voxelIndex(plan.maskedVoxels() - 1)
                    + " is outside the grid of " + nVox + " voxels");
        }
        int[][] indices = new int[plan.numChunks()][];
        for (int c = 0; c < indices.length; c++) {
            indices[c] = plan.chunkIndices(c);
        }
        float[][] chunks = NiftiReader.readVoxelChunks(location, indices, options);
        double[][] predictions = new double[chunks.length][];
        LovoCounts counts = new LovoCounts();
        LovoPredictionOps.predictChunks(design, chunks, predictions, threads, counts);
        PredictionErrors.Accumulator errors = new PredictionErrors.Accumulator(design);
        for (int c = 0; c < chunks.length; c++) {
            errors.add(chunks[c], predictions[c], plan.chunkSize(c));
        }
        return new SeriesPrediction(h.geometry(), design, plan, predictions, counts, errors.result());
    }

    /**
     * Writes the predictions as a 4-D NIfTI (X×Y×Z×V, column order of the design), 0 outside the mask, atomically
     * (temporary name then rename; nothing is left behind on failure).
     *
     * @param type {@link NiftiDataType#FLOAT32} (rounded, ≤ 6e-8 relative) or {@link NiftiDataType#FLOAT64} (exact)
     */
    public static void write(SeriesPrediction prediction, String location, NiftiDataType type,
                             NiftiWriteOptions options) throws IOException {
        if (type != NiftiDataType.FLOAT32 && type != NiftiDataType.FLOAT64) {
            throw new IllegalArgumentException(location + ": predictions are written as float32 or float64, not "
                    + type);
        }
        ImageGeometry g = prediction.geometry();
        int v = prediction.design().nHeldOut();
        double[] volume = new double[g.numVoxels()];
        try (NiftiVolumeWriter w = NiftiVolumeWriter.open(location, g, v, type, Int16Scaling.IDENTITY, options)) {
            for (int j = 0; j < v; j++) {
                prediction.volume(j, volume);
                w.write(volume, 0);
            }
            w.commit();
        }
    }
}
