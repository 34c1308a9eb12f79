package org.dwimotion.spark.job;

import java.util.Arrays;
import org.apache.spark.Partitioner;
import org.dwimotion.pipeline.VolumeBlocks;

/** Sends volume v to the partition of its block: each partition holds consecutive volumes. */
final class VolumeRangePartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final int[] starts;

    VolumeRangePartitioner(int[] starts) {
        this.starts = starts.clone();
    }

    @Override
    public int numPartitions() {
        return starts.length - 1;
    }

    @Override
    public int getPartition(Object key) {
        return VolumeBlocks.blockOf(starts, (Integer) key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeRangePartitioner p && Arrays.equals(p.starts, starts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(starts);
    }
}
