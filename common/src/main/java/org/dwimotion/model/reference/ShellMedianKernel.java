package org.dwimotion.model.reference;

import java.util.Arrays;
import org.dwimotion.Conventions;
import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoDesign;
import org.dwimotion.model.LovoKernel;
import org.dwimotion.model.LovoKernels;

/**
 * Reference model "avgdwi": a held-out volume is predicted by the median of the other volumes of its shell
 * ({@link Shells}, tolerance {@link Conventions#DEFAULT_SHELL_TOLERANCE}; the b=0 volumes form one shell).
 * A diffusion-weighted volume alone in its shell uses the median of all other diffusion-weighted volumes (the
 * mean b=0 signal if there is none); a b=0 volume of a series with a single b=0 volume is its own prediction
 * (counted). A voxel with a non-finite sample predicts 0.
 */
public final class ShellMedianKernel implements LovoKernel {
    private final LovoDesign design;
    private final int n;
    private final int nOut;
    /** For each output column: the volumes whose values are pooled (the volume itself included). */
    private final int[][] pool;
    private final int[] b0;
    private final double[] sorted;

    public ShellMedianKernel(LovoDesign design) {
        this.design = design;
        this.n = design.nVolumes();
        this.nOut = design.nHeldOut();
        this.b0 = design.b0Volumes();
        int[] shell = Shells.assign(design.bvals(), design.b0Threshold(), Conventions.DEFAULT_SHELL_TOLERANCE);
        int[][] members = Shells.members(shell);
        int[] allDw = java.util.stream.IntStream.range(0, n).filter(v -> !design.isB0(v)).toArray();
        pool = new int[nOut][];
        int maxPool = 1;
        for (int j = 0; j < nOut; j++) {
            int v = design.heldOutVolume(j);
            int[] own = members[shell[v]];
            if (own.length > 1 || design.isB0(v)) {
                pool[j] = own;
            } else if (allDw.length > 1) {
                pool[j] = allDw;
            } else {
                pool[j] = null; // the mean b=0 signal
            }
            maxPool = Math.max(maxPool, pool[j] == null ? 1 : pool[j].length);
        }
        sorted = new double[maxPool];
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
                Arrays.fill(predictions, o, o + nOut, 0f);
                counts.countNonFiniteVoxel();
                continue;
            }
            for (int j = 0; j < nOut; j++) {
                int v = design.heldOutVolume(j);
                int[] members = pool[j];
                if (members == null) {
                    double s = 0;
                    for (int u : b0) {
                        s += signals[in + u];
                    }
                    predictions[o + j] = (float) (s / b0.length);
                    continue;
                }
                if (members.length == 1) {
                    predictions[o + j] = signals[in + v];
                    counts.countOwnB0Predictions(1);
                    continue;
                }
                // A sort per column keeps the code obvious; pools are a few dozen values.
                int len = members.length;
                for (int i = 0; i < len; i++) {
                    sorted[i] = signals[in + members[i]];
                }
                Arrays.sort(sorted, 0, len);
                double own = signals[in + v];
                int skip = Arrays.binarySearch(sorted, 0, len, own);
                if (skip < 0) { // v is not in its pool (lonely volume using all DW volumes): nothing to skip
                    predictions[o + j] = (float) median(sorted, len);
                } else {
                    predictions[o + j] = (float) ReferenceOps.medianWithout(sorted, len, skip);
                }
            }
        }
    }

    private static double median(double[] s, int len) {
        return len % 2 == 1 ? s[len / 2] : 0.5 * (s[len / 2 - 1] + s[len / 2]);
    }
}
