package org.dwimotion.model.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoDesign;
import org.dwimotion.model.LovoKernel;
import org.dwimotion.model.LovoKernels;

/**
 * Java side of {@code scripts/bench-kernels.sh}: LOVO predictions of every diffusion-weighted volume of the shared
 * phantom (21,738 mask voxels × 96 volumes, 90 held out) with each kernel, single-threaded, voxels in chunks of
 * {@code chunk} (one kernel instance reused, as in a Spark task). Each configuration runs {@code warmup} times
 * untimed (and for at least 3 s of CPU time), then {@code repeats} times; the median thread CPU time and wall time
 * are printed, in total and per held-out volume. Run it with {@code --add-modules jdk.incubator.vector}, as the
 * Spark job does (vectorised logarithm). The JMH counterpart is {@code org.dwimotion.bench.LovoKernelJmh}. Usage: {@code LovoKernelBenchmark PHANTOM_DIR [warmup=2] [repeats=5] [chunk=4096] [configs]}
 * with configs a comma list such as {@code dti-ols,dki-wls} (default: all four).
 */
public final class LovoKernelBenchmark {
    private static final double MIN_WARMUP_S = 3;

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

        LovoBenchInput input = LovoBenchInput.read(dir);
        int k = input.voxels();
        int n = input.volumes();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("phantom: %d mask voxels x %d volumes, chunks of %d voxels, ≥ %d warm-up (≥ 3 s) + %d timed runs%n",
                k, n, chunk, warmup, repeats);
        for (String config : configs) {
            LovoDesign design = input.design(config);
            LovoKernel kernel = LovoKernels.create(design);
            int v = design.nHeldOut();
            float[] in = new float[chunk * n];
            float[] out = new float[chunk * v];
            double[] cpu = new double[repeats];
            double[] wall = new double[repeats];
            LovoCounts counts = new LovoCounts();
            // warm-up: at least `warmup` passes and MIN_WARMUP_S of CPU time, so that C2 has compiled the fast kernels
            long warmStart = threads.getCurrentThreadCpuTime();
            for (int r = 0; r < warmup || threads.getCurrentThreadCpuTime() - warmStart < MIN_WARMUP_S * 1e9; r++) {
                input.predictAll(kernel, chunk, in, out, counts);
            }
            for (int r = 0; r < repeats; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                input.predictAll(kernel, chunk, in, out, counts);
                cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
                wall[r] = (System.nanoTime() - w0) / 1e9;
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
