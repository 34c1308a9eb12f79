package org.dwimotion.model.reference;

import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoDesign;
import org.dwimotion.model.LovoKernel;
import org.dwimotion.model.LovoKernels;

/**
 * Base of the reference kernels, which look at one voxel at a time: copies the voxel into a double buffer, gives
 * a voxel with a non-finite sample 0 everywhere (counted), and converts the outputs back.
 */
abstract class VoxelwiseLovoKernel implements LovoKernel {
    protected final LovoDesign design;
    protected final int n;
    protected final int nOut;
    private final double[] in;
    private final double[] out;

    VoxelwiseLovoKernel(LovoDesign design) {
        this.design = design;
        this.n = design.nVolumes();
        this.nOut = design.nHeldOut();
        this.in = new double[n];
        this.out = new double[nOut];
    }

    @Override
    public final LovoDesign design() {
        return design;
    }

    @Override
    public final void predict(float[] signals, float[] predictions, int nVoxels, LovoCounts counts) {
        LovoKernels.checkChunk(design, signals.length, predictions.length, nVoxels, signals == predictions);
        counts.countVoxels(nVoxels);
        for (int k = 0; k < nVoxels; k++) {
            for (int t = 0; t < n; t++) {
                in[t] = signals[k * n + t];
            }
            voxel(counts);
            for (int j = 0; j < nOut; j++) {
                predictions[k * nOut + j] = (float) out[j];
            }
        }
    }

    @Override
    public final void predict(double[] signals, double[] predictions, int nVoxels, LovoCounts counts) {
        LovoKernels.checkChunk(design, signals.length, predictions.length, nVoxels, signals == predictions);
        counts.countVoxels(nVoxels);
        for (int k = 0; k < nVoxels; k++) {
            System.arraycopy(signals, k * n, in, 0, n);
            voxel(counts);
            System.arraycopy(out, 0, predictions, k * nOut, nOut);
        }
    }

    private void voxel(LovoCounts counts) {
        boolean finite = true;
        for (int t = 0; t < n; t++) {
            finite &= Double.isFinite(in[t]);
        }
        if (!finite) {
            java.util.Arrays.fill(out, 0);
            counts.countNonFiniteVoxel();
            return;
        }
        predictVoxel(in, out, counts);
    }

    /**
     * @param signal the voxel's N finite samples. Not modified.
     * @param pred   its V predictions. Modified.
     */
    protected abstract void predictVoxel(double[] signal, double[] pred, LovoCounts counts);
}
