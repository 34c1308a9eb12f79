package org.dwimotion.spark.job;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import org.dwimotion.pipeline.ProgressLine;

/**
 * Console progress of the stages of one Spark action: each stage counts its units (volumes, chunks) in a
 * {@link LongAccumulator}; after every finished task the first unfinished stage prints a line ("[iteration 1/2
 * register] volumes registered 24/40, 3.1 s elapsed, ~2.0 s left"), at most one per second per stage, plus a
 * final line when it completes. Stages of one action run one after the other, so the first unfinished stage is
 * the running one. Also records each stage's wall time (from the previous stage's end) for the run summary.
 */
final class StageProgress extends SparkListener {
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    private final Consumer<String> out;
    private List<Stage> stages = List.of();
    private long startNanos;

    StageProgress(Consumer<String> out) {
        this.out = out;
    }

    /** A stage to watch: name, counted unit, expected total, its accumulator. */
    static final class Stage {
        final String name;
        final String unit;
        final long total;
        final LongAccumulator counter;
        long lastPrint;
        long doneNanos = -1;

        Stage(String name, String unit, long total, LongAccumulator counter) {
            this.name = name;
            this.unit = unit;
            this.total = total;
            this.counter = counter;
        }
    }

    /** Starts watching these stages (in execution order). */
    synchronized void watch(List<Stage> watched) {
        stages = new ArrayList<>(watched);
        startNanos = System.nanoTime();
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        update(false);
    }

    /** Reports what is left once the action returned and gives each stage's seconds; stops watching. */
    synchronized double[] finish() {
        update(true);
        double[] seconds = new double[stages.size()];
        long previous = startNanos;
        long now = System.nanoTime();
        for (int i = 0; i < seconds.length; i++) {
            long end = stages.get(i).doneNanos >= 0 ? stages.get(i).doneNanos : now;
            seconds[i] = Math.max(0, end - previous) / 1e9;
            previous = Math.max(previous, end);
        }
        stages = List.of();
        return seconds;
    }

    private void update(boolean last) {
        long now = System.nanoTime();
        long stageStart = startNanos;
        for (Stage s : stages) {
            if (s.doneNanos >= 0) {
                stageStart = s.doneNanos;
                continue;
            }
            long value = s.counter.value();
            if (value >= s.total) {
                s.doneNanos = now;
                out.accept(ProgressLine.format(s.name, value, s.total, s.unit, (now - stageStart) / 1e9));
                stageStart = now;
                continue;
            }
            if (!last && value > 0 && now - s.lastPrint >= MIN_INTERVAL_NANOS) {
                s.lastPrint = now;
                out.accept(ProgressLine.format(s.name, value, s.total, s.unit, (now - stageStart) / 1e9));
            }
            if (!last) {
                return;
            }
        }
    }
}
