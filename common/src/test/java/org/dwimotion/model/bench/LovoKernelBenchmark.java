package org.dwimotion.model.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.io.nifti.NiftiImage;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.model.FitMethod;
import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoDesign;
import org.dwimotion.model.LovoKernel;
import org.dwimotion.model.LovoKernels;
import org.dwimotion.model.LovoModelType;

/**
 * Java side of {@code scripts/bench-kernels.sh}: LOVO predictions of every diffusion-weighted volume of the shared
 * phantom (21,738 mask voxels × 96 volumes, 90 held out) with each kernel, single-threaded, voxels in chunks of
 * {@code chunk} (one kernel instance reused, as in a Spark task). Each configuration runs {@code warmup} times
 * untimed, then {@code repeats} times; the median thread CPU time and wall time are printed, in total and per
 * held-out volume. Usage: {@code LovoKernelBenchmark PHANTOM_DIR [warmup=2] [repeats=5] [chunk=4096] [configs]}
 * with configs a comma list such as {@code dti-ols,dki-wls} (default: all four).
 */
public final class LovoKernelBenchmark {
    private LovoKernelBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LovoKernelBenchmark PHANTOM_DIR [warmup] [repeats] [chunk] [configs]");
            System.exit(1);
        }
        String dir = args[0];
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int chunk = args.length > 3 ? Integer.parseInt(args[3]) : 4096;
        String[] configs = (args.length > 4 ? args[4] : "dti-ols,dki-ols,dti-wls,dki-wls").split(",");

        NiftiImage dwi = NiftiReader.read(dir + "/dwi.nii.gz");
        float[] mask = NiftiReader.read(dir + "/mask.nii.gz").data();
        GradientTable gt = GradientTable.read(dir + "/dwi.bval", dir + "/dwi.bvec");
        int nVox = dwi.voxelsPerVolume();
        int n = dwi.nt();
        int[] voxels = IntStream.range(0, nVox).filter(v -> mask[v] > 0).toArray();
        int k = voxels.length;
        float[] signals = new float[k * n];
        for (int i = 0; i < k; i++) {
            for (int t = 0; t < n; t++) {
                signals[i * n + t] = dwi.data()[voxels[i] + nVox * t];
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("phantom: %d mask voxels x %d volumes, chunks of %d voxels, %d warm-up + %d timed runs%n",
                k, n, chunk, warmup, repeats);
        for (String config : configs) {
            String[] mf = config.trim().split("-");
            LovoDesign design = LovoDesign.diffusionWeighted(LovoModelType.parse(mf[0]), FitMethod.parse(mf[1]),
                    gt.bvals(), gt.bvecs(), gt.b0Threshold());
            LovoKernel kernel = LovoKernels.create(design);
            int v = design.nHeldOut();
            float[] in = new float[chunk * n];
            float[] out = new float[chunk * v];
            double[] cpu = new double[repeats];
            double[] wall = new double[repeats];
            LovoCounts counts = new LovoCounts();
            for (int r = -warmup; r < repeats; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                for (int k0 = 0; k0 < k; k0 += chunk) {
                    int nk = Math.min(chunk, k - k0);
                    System.arraycopy(signals, k0 * n, in, 0, nk * n);
                    kernel.predict(in, out, nk, counts);
                }
                if (r >= 0) {
                    cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
                    wall[r] = (System.nanoTime() - w0) / 1e9;
                }
            }
            Arrays.sort(cpu);
            Arrays.sort(wall);
            double cpuMedian = cpu[repeats / 2];
            double wallMedian = wall[repeats / 2];
            System.out.printf("RESULT %s java_cpu_s=%.4f java_wall_s=%.4f per_heldout_cpu_s=%.6f heldout=%d voxels=%d%n",
                    config.trim(), cpuMedian, wallMedian, cpuMedian / v, v, k);
        }
    }
}
