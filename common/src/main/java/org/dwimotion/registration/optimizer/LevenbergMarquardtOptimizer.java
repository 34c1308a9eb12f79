package org.dwimotion.registration.optimizer;

/**
 * Levenberg–Marquardt on a {@link LeastSquaresObjective}: Gauss–Newton steps
 * {@code (H + lambda * mu * S^2) step = g}, damped only when a step fails to lower the value.
 *
 * <p>S is the diagonal of the objective's {@linkplain LeastSquaresObjective#parameterScales()
 * physical-shift scales} (mm per unit parameter) and {@code mu = mean_k H_kk / S_k^2}, so the
 * damping term is dimensionless in lambda and, when large, turns the step into gradient descent
 * in millimetres of shift rather than in raw radians or mm. Steps are shortened to at most
 * {@code maxStepMm} of physical shift.
 *
 * <p>Stopping, in order: an accepted step shifting the sample region by less than
 * {@code stepToleranceMm}; an accepted step lowering the value by less than
 * {@code relativeValueTolerance} of it; lambda beyond {@value #MAX_DAMPING} (no downhill step:
 * a minimum); {@code maxIterations} trial steps. Deterministic: no randomness, fixed order.
 */
public final class LevenbergMarquardtOptimizer {
    /** Damping at the start of a run: close to pure Gauss–Newton. */
    public static final double INITIAL_DAMPING = 1e-4;
    static final double MIN_DAMPING = 1e-8;
    static final double MAX_DAMPING = 1e8;

    private final int maxIterations;
    private final double stepToleranceMm;
    private final double relativeValueTolerance;
    private final double maxStepMm;

    /**
     * @param maxIterations          trial steps allowed, ≥ 1
     * @param stepToleranceMm        stop when an accepted step shifts less than this (mm), ≥ 0
     * @param relativeValueTolerance stop when an accepted step improves by less than this fraction, ≥ 0
     * @param maxStepMm              longest physical shift of one step (mm), &gt; 0
     */
    public LevenbergMarquardtOptimizer(int maxIterations, double stepToleranceMm, double relativeValueTolerance,
                                       double maxStepMm) {
        if (maxIterations < 1 || !(stepToleranceMm >= 0) || !(relativeValueTolerance >= 0) || !(maxStepMm > 0)
                || Double.isInfinite(maxStepMm)) {
            throw new IllegalArgumentException("invalid optimiser settings: maxIterations=" + maxIterations
                    + ", stepToleranceMm=" + stepToleranceMm + ", relativeValueTolerance=" + relativeValueTolerance
                    + ", maxStepMm=" + maxStepMm);
        }
        this.maxIterations = maxIterations;
        this.stepToleranceMm = stepToleranceMm;
        this.relativeValueTolerance = relativeValueTolerance;
        this.maxStepMm = maxStepMm;
    }

    /** Runs from the objective's current parameters; leaves it at the best accepted point. */
    public OptimizerReport optimize(LeastSquaresObjective objective) {
        int p = objective.numberOfParameters();
        double[] gradient = new double[p];
        double[] hessian = new double[p * p];
        double[] system = new double[p * p];
        double[] step = new double[p];
        double[] work = new double[p * p];
        double[] scales = objective.parameterScales();

        double value = objective.evaluate();
        if (!(value < Double.POSITIVE_INFINITY)) {
            return new OptimizerReport(0, Double.POSITIVE_INFINITY, StopReason.NOT_EVALUABLE);
        }
        value = objective.commit(gradient, hessian);
        double[] current = objective.parameters();
        double lambda = INITIAL_DAMPING;
        int iterations = 0;
        while (iterations < maxIterations) {
            double mu = 0;
            for (int k = 0; k < p; k++) {
                mu += hessian[k * p + k] / (scales[k] * scales[k]);
            }
            mu /= p;
            if (!(mu > 0) || !Double.isFinite(mu)) {
                // no gradient information at all: nothing can move
                return new OptimizerReport(iterations, value, StopReason.DAMPING_LIMIT);
            }
            System.arraycopy(hessian, 0, system, 0, p * p);
            for (int k = 0; k < p; k++) {
                system[k * p + k] += lambda * mu * scales[k] * scales[k];
            }
            if (!SymmetricSolveOps.solve(system, gradient, step, p, work)) {
                lambda *= 10;
                if (lambda > MAX_DAMPING) {
                    return new OptimizerReport(iterations, value, StopReason.DAMPING_LIMIT);
                }
                continue;
            }
            double shift = objective.physicalShift(step);
            if (shift > maxStepMm) {
                double f = maxStepMm / shift;
                for (int k = 0; k < p; k++) {
                    step[k] *= f;
                }
                shift = maxStepMm;
            }
            iterations++;
            objective.applyStep(step);
            double trial = objective.evaluate();
            if (trial < value) {
                double previous = value;
                value = objective.commit(gradient, hessian);
                current = objective.parameters();
                lambda = Math.max(lambda / 10, MIN_DAMPING);
                if (shift < stepToleranceMm) {
                    return new OptimizerReport(iterations, value, StopReason.STEP_TOLERANCE);
                }
                if (previous - trial <= relativeValueTolerance * previous) {
                    return new OptimizerReport(iterations, value, StopReason.VALUE_TOLERANCE);
                }
            } else {
                objective.restoreParameters(current);
                if (shift < stepToleranceMm) {
                    return new OptimizerReport(iterations, value, StopReason.DAMPING_LIMIT);
                }
                lambda *= 10;
                if (lambda > MAX_DAMPING) {
                    return new OptimizerReport(iterations, value, StopReason.DAMPING_LIMIT);
                }
            }
        }
        return new OptimizerReport(iterations, value, StopReason.MAX_ITERATIONS);
    }
}
