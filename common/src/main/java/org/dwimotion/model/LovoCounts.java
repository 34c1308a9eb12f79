package org.dwimotion.model;

import java.io.Serializable;

/**
 * Tallies of the special cases a {@link LovoKernel} met, summed over the chunks it was given. Mutable
 * accumulator: one per task, merged with {@link #add}. None of these cases ever produces NaN.
 *
 * <ul>
 *   <li>{@code voxels}: voxels processed.</li>
 *   <li>{@code nonFiniteVoxels}: voxels with a NaN or infinite sample; every prediction of such a voxel is 0.</li>
 *   <li>{@code flooredVoxels}: voxels with a sample below {@code MIN_POSITIVE_SIGNAL} (zero or negative),
 *       raised to it before the log (DIPY's {@code min_signal}), so all-zero voxels are counted here.</li>
 *   <li>{@code clippedPredictions}: voxel-volumes whose fitted tensor had an eigenvalue below DIPY's
 *       {@code min_diffusivity}, raised to it before predicting (DIPY parity, not a failure).</li>
 *   <li>{@code wlsFallbacks}: voxel-volumes whose weighted normal matrix was not numerically positive
 *       definite (or not finite); the OLS LOVO prediction is used instead.</li>
 *   <li>{@code nonFinitePredictions}: voxel-volumes whose prediction overflowed; the mean b=0 signal is used.</li>
 *   <li>{@code ownB0Predictions}: voxel-volumes of a held-out b=0 volume in a series with a single b=0
 *       volume; there is no other b=0 volume, so the observed signal is its own prediction.</li>
 * </ul>
 */
public final class LovoCounts implements Serializable {
    private static final long serialVersionUID = 1L;

    long voxels;
    long nonFiniteVoxels;
    long flooredVoxels;
    long clippedPredictions;
    long wlsFallbacks;
    long nonFinitePredictions;
    long ownB0Predictions;

    public long voxels() {
        return voxels;
    }

    public long nonFiniteVoxels() {
        return nonFiniteVoxels;
    }

    public long flooredVoxels() {
        return flooredVoxels;
    }

    public long clippedPredictions() {
        return clippedPredictions;
    }

    public long wlsFallbacks() {
        return wlsFallbacks;
    }

    public long nonFinitePredictions() {
        return nonFinitePredictions;
    }

    public long ownB0Predictions() {
        return ownB0Predictions;
    }

    /** Adds the given tallies to these. */
    public void add(LovoCounts o) {
        voxels += o.voxels;
        nonFiniteVoxels += o.nonFiniteVoxels;
        flooredVoxels += o.flooredVoxels;
        clippedPredictions += o.clippedPredictions;
        wlsFallbacks += o.wlsFallbacks;
        nonFinitePredictions += o.nonFinitePredictions;
        ownB0Predictions += o.ownB0Predictions;
    }

    /** Increments, for kernels in sub-packages (the fields stay package-private). */
    public void countVoxels(long n) {
        voxels += n;
    }

    public void countNonFiniteVoxel() {
        nonFiniteVoxels++;
    }

    public void countFlooredVoxel() {
        flooredVoxels++;
    }

    public void countClipped(long n) {
        clippedPredictions += n;
    }

    public void countWlsFallbacks(long n) {
        wlsFallbacks += n;
    }

    public void countNonFinitePrediction() {
        nonFinitePredictions++;
    }

    public void countOwnB0Predictions(long n) {
        ownB0Predictions += n;
    }

    @Override
    public String toString() {
        return "LovoCounts[voxels=" + voxels + ", nonFiniteVoxels=" + nonFiniteVoxels + ", flooredVoxels="
                + flooredVoxels + ", clippedPredictions=" + clippedPredictions + ", wlsFallbacks=" + wlsFallbacks
                + ", nonFinitePredictions=" + nonFinitePredictions + ", ownB0Predictions=" + ownB0Predictions + "]";
    }
}
