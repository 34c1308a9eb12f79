package org.dwimotion.pipeline;

import java.util.Locale;

/** Formats the one-line progress report of a stage: done/total, elapsed time and an estimate of the rest. */
public final class ProgressLine {
    private ProgressLine() {
    }

    /**
     * @param stage   stage name, e.g. "iteration 1/2 register"
     * @param unit    what is counted, e.g. "volumes registered"
     * @param elapsed seconds since the stage started
     */
    public static String format(String stage, long done, long total, String unit, double elapsed) {
        String left;
        if (done >= total) {
            left = "done";
        } else if (done > 0) {
            left = String.format(Locale.ROOT, "~%.1f s left", elapsed * (total - done) / done);
        } else {
            left = "estimating";
        }
        return String.format(Locale.ROOT, "[%s] %s %d/%d, %.1f s elapsed, %s", stage, unit, done, total, elapsed, left);
    }
}
