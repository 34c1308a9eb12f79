package org.dwimotion.model.reference;

import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoDesign;
import org.dwimotion.model.LovoKernel;
import org.dwimotion.model.LovoKernels;

/**
 * Reference model "b0": every held-out volume is predicted by the mean of the other b=0 volumes of the voxel
 * (all b=0 volumes for a diffusion-weighted volume). It shows how much of the LOVO registration comes from the
 * model rather than from the b=0 contrast. A b=0 volume of a series with a single b=0 volume is its own
 * prediction (counted as {@code ownB0Predictions}); a voxel with a non-finite sample predicts 0.
 */
public final class B0MeanKernel implements LovoKernel {
    private final LovoDesign design;
    private final int[] b0;
    private final int n;
    private final int nOut;

    public B0MeanKernel(LovoDesign design) {
        this.design = design;
        this.b0 = design.b0Volumes();
        this.n = design.nVolumes();
        this.nOut = design.nHeldOut();
    }

    @Override
    public LovoDesign design() {
        return design;
    }

    @Override
    public void predict(float[] signals, float[] predictions, int nVoxels, LovoCounts counts) {
        LovoKernels.checkChunk(design, signals, predictions, nVoxels);
        counts.countVoxels(nVoxels);
        for (int k = 0; k < nVoxels; k++) {
            int in = k * n;
            int o = k * nOut;
            if (!ReferenceOps.allFinite(signals, in, n)) {
                java.util.Arrays.fill(predictions, o, o + nOut, 0f);
                counts.countNonFiniteVoxel();
                continue;
            }
            for (int j = 0; j < nOut; j++) {
                int v = design.heldOutVolume(j);
                if (b0.length == 1 && b0[0] == v) {
                    predictions[o + j] = signals[in + v];
                    counts.countOwnB0Predictions(1);
                    continue;
                }
                double s = 0;
                int c = 0;
                for (int u : b0) {
                    if (u != v) {
                        s += signals[in + u];
                        c++;
                    }
                }
                predictions[o + j] = (float) (s / c);
            }
        }
    }
}
