package org.dwimotion.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link LovoDesign} over many voxel chunks on a fixed pool of threads, one {@link LovoKernel} per thread
 * (kernels are not thread-safe; the design is immutable and shared).
 *
 * <p>Chunks are handed out in order from a shared counter, so which thread predicts a chunk varies, but each
 * voxel's predictions depend on its own samples only (the {@link LovoKernel} contract): the output is identical,
 * bit for bit, whatever the number of threads or the chunk sizes. Counts are sums, so they are identical too.
 *
 * <p>Computation is in double precision (the kernels' double entry point); float32 signals convert exactly.
 */
public final class LovoPredictionOps {
    private LovoPredictionOps() {
    }

    /**
     * Predicts every held-out volume of every voxel of every chunk.
     *
     * @param design      the LOVO design (N volumes, V held-out volumes)
     * @param chunks      raw signals per chunk, voxel-major {@code chunks[c][k*N + t]}, length a multiple of N,
     *                    scanner units. Not modified.
     * @param predictions output per chunk, voxel-major {@code predictions[c][k*V + j]} (column j is volume
     *                    {@code design.heldOutVolume(j)}). Each entry may be null (allocated) or of length ≥ K·V.
     *                    Modified. Length ≥ {@code chunks.length}.
     * @param threads     worker threads (≥ 1); at most one per chunk is started
     * @param counts      special-case tallies, incremented. Modified.
     * @throws IllegalArgumentException on bad sizes
     */
    public static void predictChunks(LovoDesign design, float[][] chunks, double[][] predictions, int threads,
                                     LovoCounts counts) {
        int n = design.nVolumes();
        int v = design.nHeldOut();
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        if (predictions.length < chunks.length) {
            throw new IllegalArgumentException("predictions holds " + predictions.length + " chunks, need "
                    + chunks.length);
        }
        int maxVoxels = 0;
        for (int c = 0; c < chunks.length; c++) {
            if (chunks[c].length % n != 0) {
                throw new IllegalArgumentException("chunk " + c + " has " + chunks[c].length
                        + " values, not a multiple of " + n + " volumes");
            }
            int k = chunks[c].length / n;
            maxVoxels = Math.max(maxVoxels, k);
            if (predictions[c] == null) {
                predictions[c] = new double[Math.multiplyExact(k, v)];
            } else if (predictions[c].length < (long) k * v) {
                throw new IllegalArgumentException("predictions of chunk " + c + " hold " + predictions[c].length
                        + " values, need " + k + " voxels × " + v + " held-out volumes");
            }
        }
        int workers = Math.min(threads, chunks.length);
        if (workers == 0) {
            return;
        }
        int bufferLength = Math.multiplyExact(maxVoxels, n);
        AtomicInteger next = new AtomicInteger();
        if (workers == 1) {
            counts.add(new Worker(design, chunks, predictions, next, bufferLength).call());
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "lovo-predict");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<LovoCounts>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(new Worker(design, chunks, predictions, next, bufferLength)));
            }
            for (Future<LovoCounts> f : futures) {
                counts.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while predicting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One thread's loop: its own kernel, signal buffer and counts; takes the next chunk until none is left. */
    private static final class Worker implements java.util.concurrent.Callable<LovoCounts> {
        private final LovoKernel kernel;
        private final float[][] chunks;
        private final double[][] predictions;
        private final AtomicInteger next;
        private final double[] signals;
        private final int nVolumes;

        Worker(LovoDesign design, float[][] chunks, double[][] predictions, AtomicInteger next, int bufferLength) {
            this.kernel = LovoKernels.create(design);
            this.chunks = chunks;
            this.predictions = predictions;
            this.next = next;
            this.signals = new double[bufferLength];
            this.nVolumes = design.nVolumes();
        }

        @Override
        public LovoCounts call() {
            LovoCounts counts = new LovoCounts();
            for (int c = next.getAndIncrement(); c < chunks.length; c = next.getAndIncrement()) {
                float[] in = chunks[c];
                for (int i = 0; i < in.length; i++) {
                    signals[i] = in[i];
                }
                kernel.predict(signals, predictions[c], in.length / nVolumes, counts);
            }
            return counts;
        }
    }
}
