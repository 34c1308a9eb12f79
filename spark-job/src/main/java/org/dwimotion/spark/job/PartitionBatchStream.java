package org.dwimotion.spark.job;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;

/**
 * The elements of an RDD in partition order, taken a batch of partitions at a time: each batch is one Spark job
 * ({@code collectPartitions}), so its partitions run concurrently. Replaces {@code toLocalIterator}, which runs one
 * job, hence one task, per partition. The driver holds one batch at a time: callers size the partitions so that a
 * batch fits their memory budget.
 *
 * <p>No prefetch of the next batch while the caller consumes this one: it would need two batches within the
 * same driver budget, hence smaller blocks; not measured since tasks read a gzipped input from a local
 * uncompressed copy ({@code ExecutorSeries}) rather than decompressing it from its start.
 */
final class PartitionBatchStream<T> implements Iterator<T> {
    private final JavaRDD<T> rdd;
    private final int partitions;
    private final int batch;
    private int nextBatchStart;
    private List<T>[] current;
    private int part;
    private Iterator<T> inPart = Collections.emptyIterator();

    /**
     * @param batch partitions per job (the parallelism), ≥ 1; nothing runs until the first element is asked for
     */
    PartitionBatchStream(JavaRDD<T> rdd, int batch) {
        this.rdd = rdd;
        this.partitions = rdd.getNumPartitions();
        this.batch = Math.max(1, batch);
    }

    @Override
    public boolean hasNext() {
        while (!inPart.hasNext()) {
            if (current != null && part + 1 < current.length) {
                current[part] = null; // consumed: let the garbage collector have it
                part++;
                inPart = current[part].iterator();
                continue;
            }
            current = null; // drop the consumed batch before the next one arrives
            if (nextBatchStart >= partitions) {
                return false;
            }
            current = collectNext();
            part = 0;
            inPart = current[0].iterator();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return inPart.next();
    }

    private List<T>[] collectNext() {
        int from = nextBatchStart;
        int to = Math.min(partitions, from + batch);
        nextBatchStart = to;
        int[] ids = new int[to - from];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = from + i;
        }
        return rdd.collectPartitions(ids);
    }
}
