package org.dwimotion.registration.optimizer;

/**
 * What a second-order optimiser needs from a metric: a value at the current parameters, the
 * Gauss–Newton normal equations there, a way to apply a parameter step, and the physical size of a
 * step. The optimiser never sees images or transforms; the metric owns both (ITK's split).
 *
 * <p>Protocol: {@link #evaluate()} computes the value at the current parameters with the current
 * weighting (robust scale, intensity model) without changing the committed state;
 * {@link #commit()} makes that evaluation the current point: it may re-estimate the weighting,
 * then fills the normal equations. {@link #restoreParameters} returns to a committed point after a
 * rejected trial.
 */
public interface LeastSquaresObjective {
    /** Number of parameters P. */
    int numberOfParameters();

    /** Copy of the current parameters. */
    double[] parameters();

    /** Sets the parameters back to a copy saved from {@link #parameters()}. */
    void restoreParameters(double[] parameters);

    /**
     * Applies a step to the current parameters (for example by composing a small transform).
     *
     * @param step P values. Not modified.
     */
    void applyStep(double[] step);

    /**
     * Evaluates the objective at the current parameters.
     *
     * @return the value (≥ 0, lower is better), or {@code Double.POSITIVE_INFINITY} when it cannot
     * be evaluated there (too few samples overlap the moving image)
     */
    double evaluate();

    /**
     * Accepts the last {@link #evaluate()} as the current point, re-estimates any weighting and
     * fills the normal equations {@code H step = g}.
     *
     * @param gradient P values, {@code g = J^T W r}. Modified.
     * @param hessian  P×P row-major, symmetric, {@code J^T W J}. Modified.
     * @return the value at the current point under the re-estimated weighting
     */
    double commit(double[] gradient, double[] hessian);

    /**
     * Largest displacement (mm) of the fixed-domain sample region caused by {@code step}, used for
     * step limits and stopping.
     *
     * @param step P values. Not modified.
     */
    double physicalShift(double[] step);

    /**
     * Physical shift (mm) caused by a unit change of each parameter (ITK's scales from physical
     * shift), so that radians and millimetres can be mixed.
     *
     * @return P positive values
     */
    double[] parameterScales();
}
