package org.dwimotion.model;

/**
 * Per-volume prediction error of a series over its mask, normalised by the typical b=0 signal.
 *
 * <p>For output column j (volume {@code heldOutVolume(j)}): {@code nrmse(j) = rms(j) / meanB0}, where
 * {@code rms(j)} is the root mean square over the used voxels of (observed − predicted) and {@code meanB0} is the
 * mean over the same voxels of each voxel's mean b=0 signal. Used voxels are the masked voxels whose samples are all
 * finite ({@code excludedVoxels} counts the others). Sums run in mask order, so the figures do not depend on chunking
 * or threads.
 *
 * @param rms            per column, scanner units (length V; the array is not copied: treat as read-only)
 * @param meanB0         mean over the used voxels of the voxel-wise mean b=0 signal, scanner units
 * @param usedVoxels     voxels contributing
 * @param excludedVoxels masked voxels left out because a sample is NaN or infinite
 */
public record PredictionErrors(double[] rms, double meanB0, long usedVoxels, long excludedVoxels) {

    /** Normalised RMS error of column j (NaN when no voxel was used or the mean b=0 signal is not positive). */
    public double nrmse(int j) {
        return usedVoxels > 0 && meanB0 > 0 ? rms[j] / meanB0 : Double.NaN;
    }

    /**
     * Accumulates the errors of chunks given in mask order.
     *
     * <p>Sums of squares are added voxel after voxel in the order the voxels are given, so equal inputs in the same
     * voxel order give equal results however they were cut into chunks.
     */
    public static final class Accumulator {
        private final int[] b0Volumes;
        private final int[] heldOut;
        private final int nVolumes;
        private final double[] sumSq;
        private double sumB0;
        private long used;
        private long excluded;

        public Accumulator(LovoDesign design) {
            this.b0Volumes = design.b0Volumes();
            this.heldOut = design.heldOutVolumes();
            this.nVolumes = design.nVolumes();
            this.sumSq = new double[heldOut.length];
        }

        /**
         * Adds one chunk.
         *
         * @param signals     voxel-major {@code [k*N + t]}. Not modified.
         * @param predictions voxel-major {@code [k*V + j]}. Not modified.
         * @param nVoxels     K
         */
        public void add(float[] signals, double[] predictions, int nVoxels) {
            int v = heldOut.length;
            for (int k = 0; k < nVoxels; k++) {
                int base = k * nVolumes;
                boolean finite = true;
                for (int t = 0; t < nVolumes && finite; t++) {
                    finite = Float.isFinite(signals[base + t]);
                }
                if (!finite) {
                    excluded++;
                    continue;
                }
                double b0 = 0;
                for (int t : b0Volumes) {
                    b0 += signals[base + t];
                }
                sumB0 += b0 / b0Volumes.length;
                for (int j = 0; j < v; j++) {
                    double d = signals[base + heldOut[j]] - predictions[k * v + j];
                    sumSq[j] += d * d;
                }
                used++;
            }
        }

        public PredictionErrors result() {
            double[] rms = new double[sumSq.length];
            for (int j = 0; j < rms.length; j++) {
                rms[j] = used > 0 ? Math.sqrt(sumSq[j] / used) : Double.NaN;
            }
            return new PredictionErrors(rms, used > 0 ? sumB0 / used : Double.NaN, used, excluded);
        }
    }
}
