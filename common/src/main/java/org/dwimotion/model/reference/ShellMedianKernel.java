package org.dwimotion.model.reference;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.dwimotion.Conventions;
import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoDesign;

/**
 * Reference model "avgdwi": a held-out volume is predicted by the median of the other volumes of its shell
 * ({@link Shells}, tolerance {@link Conventions#DEFAULT_SHELL_TOLERANCE}; the b=0 volumes form one shell).
 * A diffusion-weighted volume alone in its shell uses the median of all other diffusion-weighted volumes (the
 * mean b=0 signal if there is none); a b=0 volume of a series with a single b=0 volume is its own prediction
 * (counted as {@code ownB0Predictions}). A voxel with a non-finite sample predicts 0.
 */
public final class ShellMedianKernel extends VoxelwiseLovoKernel {
    /** For each output column: the pooled volumes, the held-out volume included; null = mean b=0 signal. */
    private final int[][] pool;
    private final int[] b0;
    private final double[] sorted;

    public ShellMedianKernel(LovoDesign design) {
        super(design);
        this.b0 = design.b0Volumes();
        int[] shell = Shells.assign(design.bvals(), design.b0Threshold(), Conventions.DEFAULT_SHELL_TOLERANCE);
        int[][] members = Shells.members(shell);
        int[] allDw = IntStream.range(0, n).filter(v -> !design.isB0(v)).toArray();
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
                pool[j] = null;
            }
            maxPool = Math.max(maxPool, pool[j] == null ? 1 : pool[j].length);
        }
        sorted = new double[maxPool];
    }

    @Override
    protected void predictVoxel(double[] signal, double[] pred, LovoCounts counts) {
        for (int j = 0; j < nOut; j++) {
            int v = design.heldOutVolume(j);
            int[] members = pool[j];
            if (members == null) {
                double s = 0;
                for (int u : b0) {
                    s += signal[u];
                }
                pred[j] = s / b0.length;
            } else if (members.length == 1) {
                pred[j] = signal[v];
                counts.countOwnB0Predictions(1);
            } else {
                // the pool always contains v: sort, then take the median of the others
                int len = members.length;
                for (int i = 0; i < len; i++) {
                    sorted[i] = signal[members[i]];
                }
                Arrays.sort(sorted, 0, len);
                int skip = Arrays.binarySearch(sorted, 0, len, signal[v]);
                pred[j] = ReferenceOps.medianWithout(sorted, len, skip);
            }
        }
    }
}
