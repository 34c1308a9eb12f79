package org.dwimotion.model;

/**
 * Predicts held-out volumes for a chunk of voxels: for each voxel and each held-out volume {@code v} of the
 * {@link LovoDesign}, the model is fitted on all other volumes of that voxel and evaluated at {@code v}.
 *
 * <p>A kernel owns a workspace sized from the design only (never from the chunk), so one instance serves
 * any number of chunks of any size. Kernels are <b>not thread-safe</b>: use one per thread or Spark task;
 * the design is immutable and shared. Each voxel's result depends on that voxel's samples only, bit for bit,
 * whatever the chunk size or the voxel's position in it. No per-voxel object is allocated and no model
 * object leaves the kernel: only predicted numbers come out.
 */
public interface LovoKernel {

    /** The design this kernel was built for. */
    LovoDesign design();

    /**
     * Predicts every held-out volume of every voxel of a chunk.
     *
     * @param signals     raw signals, voxel-major {@code [k*N + t]} for voxel k &lt; nVoxels and volume t &lt; N
     *                    (N = {@link LovoDesign#nVolumes()}), scanner units. Not modified.
     * @param predictions output, voxel-major {@code [k*V + j]}, V = {@link LovoDesign#nHeldOut()}: the prediction
     *                    of volume {@code design().heldOutVolume(j)} in the units of {@code signals}; always finite.
     *                    Modified (only the first nVoxels*V entries). Must not alias {@code signals}.
     * @param nVoxels     K, number of voxels in the chunk (≥ 0)
     * @param counts      special-case tallies, incremented. Modified.
     * @throws IllegalArgumentException if an array is shorter than the sizes imply
     */
    void predict(float[] signals, float[] predictions, int nVoxels, LovoCounts counts);

    /**
     * The same in double precision, for callers whose signals are not float32 (and for tests that need more than
     * float precision). Computation is identical: the float overload converts its inputs to double exactly and
     * rounds the outputs to float at the end.
     *
     * @param signals     raw signals, voxel-major {@code [k*N + t]}. Not modified.
     * @param predictions output, voxel-major {@code [k*V + j]}. Modified. Must not alias {@code signals}.
     * @param nVoxels     K
     * @param counts      special-case tallies, incremented. Modified.
     */
    void predict(double[] signals, double[] predictions, int nVoxels, LovoCounts counts);
}
