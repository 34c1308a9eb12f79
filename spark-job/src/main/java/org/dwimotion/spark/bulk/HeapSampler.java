package org.dwimotion.spark.bulk;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.dwimotion.group.RunSummary;

/**
 * Samples the driver's used heap ({@link MemoryMXBean}) after each series; with {@code afterGc} a full GC runs
 * first so the sample is the live set (benchmark mode: {@code scripts/bench-driver-heap.sh}).
 */
final class HeapSampler {
    private final boolean afterGc;
    private final MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
    private int samples;
    private long max;
    private long last;

    HeapSampler(boolean afterGc) {
        this.afterGc = afterGc;
    }

    synchronized void sample() {
        if (afterGc) {
            System.gc();
        }
        last = bean.getHeapMemoryUsage().getUsed();
        max = Math.max(max, last);
        samples++;
    }

    synchronized RunSummary.DriverHeap figures() {
        return new RunSummary.DriverHeap(afterGc, samples, max, last, bean.getHeapMemoryUsage().getMax());
    }
}
