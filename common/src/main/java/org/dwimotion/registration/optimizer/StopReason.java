package org.dwimotion.registration.optimizer;

/** Why an optimiser stopped. The first three count as convergence. */
public enum StopReason {
    /** The last accepted step moved the sample region less than the step tolerance (mm). */
    STEP_TOLERANCE,
    /** The last accepted step changed the value by less than the relative value tolerance. */
    VALUE_TOLERANCE,
    /** No downhill step could be found even with heavy damping: a (local) minimum. */
    DAMPING_LIMIT,
    /** The iteration budget ran out first. */
    MAX_ITERATIONS,
    /** The objective could not be evaluated at the starting point (for example no overlap). */
    NOT_EVALUABLE;

    public boolean converged() {
        return this == STEP_TOLERANCE || this == VALUE_TOLERANCE || this == DAMPING_LIMIT;
    }
}
