package org.dwimotion.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.dwimotion.model.LovoCounts;
import org.dwimotion.model.LovoKernel;
import org.dwimotion.model.LovoKernels;
import org.dwimotion.model.bench.LovoBenchInput;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of the four log-linear LOVO kernels (DTI/DKI × OLS/WLS) on the shared phantom: one operation
 * predicts all 90 diffusion-weighted volumes of all 21,738 mask voxels (96 volumes), chunks of {@code chunk} voxels
 * through one reused kernel, as a Spark task does; one thread, in a forked JVM limited to one processor and
 * given the Vector API module (as the project's scripts and Spark options do). Sample mode: every pass is timed, so
 * the report has the median (p0.50), which the shared, loaded test machines need more than the mean.
 *
 * <p>Phantom folder: system property {@code dwimotion.phantom} of the forked JVM (default
 * {@code ../shared/data/phantom}); {@code scripts/bench-kernels.sh --jmh} passes it with {@code -jvmArgsAppend} and
 * adds {@code -prof org.dwimotion.bench.CpuTimeProfiler} (CPU ms per operation, the figure it compares with DIPY).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
// jvmArgsPrepend: a -jvmArgsAppend on the command line (the phantom folder) would replace these otherwise
@Fork(value = 1, jvmArgsPrepend = {"-XX:ActiveProcessorCount=1", "--add-modules=jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class LovoKernelJmh {
    @Param({"dti-ols", "dki-ols", "dti-wls", "dki-wls"})
    public String config;

    @Param("4096")
    public int chunk;

    private LovoBenchInput input;
    private LovoKernel kernel;
    private float[] in;
    private float[] out;
    private LovoCounts counts;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        input = LovoBenchInput.read(System.getProperty("dwimotion.phantom", "../shared/data/phantom"));
        kernel = LovoKernels.create(input.design(config));
        in = new float[chunk * input.volumes()];
        out = new float[chunk * kernel.design().nHeldOut()];
        counts = new LovoCounts();
    }

    /** Every held-out volume of every mask voxel; returns a checksum so that nothing is eliminated. */
    @Benchmark
    public double lovoAllVolumes() {
        return input.predictAll(kernel, chunk, in, out, counts);
    }
}
