package org.dwimotion.model.bench;

import java.io.IOException;
import java.util.stream.IntStream;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.io.nifti.NiftiImage;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.model.FitMethod;
import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoDesign;
import org.dwimotion.model.LovoKernel;
import org.dwimotion.model.LovoModelType;

/**
 * The LOVO kernel benchmarks' workload, shared by {@link LovoKernelBenchmark} (plain main, CPU time) and the JMH
 * benchmarks (benchmarks/ module): the mask voxels of a series as one voxel-major float array
 * ({@code signals[k*N + t]}, signal units of the file) and its gradient table; one pass predicts every
 * diffusion-weighted volume of every voxel, chunk by chunk through one kernel, as a Spark task does.
 *
 * @param signals mask voxels × volumes, voxel-major
 * @param voxels  number of mask voxels
 * @param volumes number of volumes N
 */
public record LovoBenchInput(float[] signals, int voxels, int volumes, GradientTable gradients) {

    /** Reads {@code dir/dwi.nii.gz}, {@code dir/mask.nii.gz}, {@code dir/dwi.bval} and {@code dir/dwi.bvec}. */
    public static LovoBenchInput read(String dir) throws IOException {
        NiftiImage dwi = NiftiReader.read(dir + "/dwi.nii.gz");
        float[] mask = NiftiReader.read(dir + "/mask.nii.gz").data();
        GradientTable gt = GradientTable.read(dir + "/dwi.bval", dir + "/dwi.bvec");
        int nVox = dwi.voxelsPerVolume();
        int n = dwi.nt();
        int[] voxels = IntStream.range(0, nVox).filter(v -> mask[v] > 0).toArray();
        float[] signals = new float[voxels.length * n];
        for (int i = 0; i < voxels.length; i++) {
            for (int t = 0; t < n; t++) {
                signals[i * n + t] = dwi.data()[voxels[i] + nVox * t];
            }
        }
        return new LovoBenchInput(signals, voxels.length, n, gt);
    }

    /** The design of a configuration such as {@code dti-ols} or {@code dki-wls}: all DW volumes held out. */
    public LovoDesign design(String config) {
        String[] mf = config.trim().split("-");
        return LovoDesign.diffusionWeighted(LovoModelType.parse(mf[0]), FitMethod.parse(mf[1]),
                gradients.bvals(), gradients.bvecs(), gradients.b0Threshold());
    }

    /**
     * One pass: every voxel, in chunks of {@code chunk}, through {@code kernel}; {@code in} (chunk × N) and
     * {@code out} (chunk × held-out volumes) are the reused chunk buffers. Returns a checksum of the last chunk.
     */
    public double predictAll(LovoKernel kernel, int chunk, float[] in, float[] out, LovoCounts counts) {
        int n = volumes;
        double check = 0;
        for (int k0 = 0; k0 < voxels; k0 += chunk) {
            int nk = Math.min(chunk, voxels - k0);
            System.arraycopy(signals, k0 * n, in, 0, nk * n);
            kernel.predict(in, out, nk, counts);
            check += out[0];
        }
        return check;
    }
}
