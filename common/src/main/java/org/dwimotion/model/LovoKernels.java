package org.dwimotion.model;

import org.dwimotion.model.loglinear.LogLinearLovoKernel;
import org.dwimotion.model.reference.B0MeanKernel;
import org.dwimotion.model.reference.ShellMedianKernel;

/** Creates the {@link LovoKernel} for a design: one per thread or task, never shared. */
public final class LovoKernels {
    private LovoKernels() {
    }

    public static LovoKernel create(LovoDesign design) {
        return switch (design.model()) {
            case DTI, DKI -> new LogLinearLovoKernel(design);
            case B0 -> new B0MeanKernel(design);
            case AVGDWI -> new ShellMedianKernel(design);
        };
    }

    /**
     * Checks the sizes of a {@link LovoKernel#predict} call (public entry points call this; raw loops do not).
     *
     * @param signalsLength     length of the signals array
     * @param predictionsLength length of the predictions array
     * @param aliased           whether both arrays are the same object
     */
    public static void checkChunk(LovoDesign design, int signalsLength, int predictionsLength, int nVoxels,
                                  boolean aliased) {
        if (nVoxels < 0) {
            throw new IllegalArgumentException("nVoxels must be ≥ 0, got " + nVoxels);
        }
        long needIn = (long) nVoxels * design.nVolumes();
        long needOut = (long) nVoxels * design.nHeldOut();
        if (signalsLength < needIn) {
            throw new IllegalArgumentException("signals has " + signalsLength + " values, need " + nVoxels
                    + " voxels × " + design.nVolumes() + " volumes = " + needIn);
        }
        if (predictionsLength < needOut) {
            throw new IllegalArgumentException("predictions has " + predictionsLength + " values, need " + nVoxels
                    + " voxels × " + design.nHeldOut() + " held-out volumes = " + needOut);
        }
        if (aliased) {
            throw new IllegalArgumentException("signals and predictions must be different arrays");
        }
    }
}
