package org.dwimotion.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler ({@code -prof org.dwimotion.bench.CpuTimeProfiler}): CPU time of the forked benchmark JVM per
 * operation, in ms, averaged over the measurement iterations (secondary result {@code ·cpu}). On a shared machine
 * the wall-clock score includes the time the benchmark thread waits for a core; CPU time does not, and it is what
 * {@code scripts/bench_lovo_dipy.py} reports for DIPY ({@code time.process_time}). With one benchmark thread and
 * {@code -XX:ActiveProcessorCount=1} (serial GC, JIT done after warm-up) it is essentially the thread's CPU time.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuAtStart;
        long ops = Math.max(1, result.getMetadata().getMeasuredOps());
        return List.of(new ScalarResult("cpu", cpu / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    }
}
