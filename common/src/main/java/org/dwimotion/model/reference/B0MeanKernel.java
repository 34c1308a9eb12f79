package org.dwimotion.model.reference;

import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoDesign;

/**
 * Reference model "b0": every held-out volume is predicted by the mean of the other b=0 volumes of the voxel
 * (all b=0 volumes for a diffusion-weighted volume). It shows how much of the LOVO registration comes from the
 * model rather than from the b=0 contrast. A b=0 volume of a series with a single b=0 volume is its own
 * prediction (counted as {@code ownB0Predictions}); a voxel with a non-finite sample predicts 0.
 */
public final class B0MeanKernel extends VoxelwiseLovoKernel {
    private final int[] b0;

    public B0MeanKernel(LovoDesign design) {
        super(design);
        this.b0 = design.b0Volumes();
    }

    @Override
    protected void predictVoxel(double[] signal, double[] pred, LovoCounts counts) {
        for (int j = 0; j < nOut; j++) {
            int v = design.heldOutVolume(j);
            if (b0.length == 1 && b0[0] == v) {
                pred[j] = signal[v];
                counts.countOwnB0Predictions(1);
                continue;
            }
            double s = 0;
            int c = 0;
            for (int u : b0) {
                if (u != v) {
                    s += signal[u];
                    c++;
                }
            }
            pred[j] = s / c;
        }
    }
}
