package org.dwimotion.registration.optimizer;

/**
 * Outcome of one optimisation run.
 *
 * @param iterations number of trial steps evaluated (accepted or rejected)
 * @param value      objective value at the final (accepted) point; +infinity only with NOT_EVALUABLE
 * @param reason     why it stopped
 */
public record OptimizerReport(int iterations, double value, StopReason reason) {
}
