package org.dwimotion.report;

/**
 * Wall-clock time of one stage of the run.
 *
 * @param stage   a short name ("read", "fit+predict iteration 1", "register", "write")
 * @param seconds elapsed seconds, ≥ 0
 */
public record StageTiming(String stage, double seconds) {
    public StageTiming {
        if (stage == null || stage.isBlank()) {
            throw new IllegalArgumentException("stage name is required");
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("stage " + stage + ": seconds must be finite and >= 0: " + seconds);
        }
    }
}
