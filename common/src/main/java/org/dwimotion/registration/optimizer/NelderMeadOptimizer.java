package org.dwimotion.registration.optimizer;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Derivative-free minimisation of a smooth cost that is not a sum of squares (e.g. negative mutual information):
 * the Nelder–Mead simplex method with the standard coefficients (reflection 1, expansion 2, contraction ½, shrink
 * ½; Lagarias et al. 1998, MATLAB's {@code fminsearch}), restarted from its best point until a restart no longer
 * moves it, the usual remedy for a simplex that collapsed before reaching the minimum.
 *
 * <p>Units: the variables are whatever the caller scales them to; the step and the tolerance are in the same units
 * (scale the variables so that one unit means the same on every axis, e.g. mm of displacement). Deterministic: ties
 * between vertices are broken by vertex index.
 */
public final class NelderMeadOptimizer {
    private NelderMeadOptimizer() {
    }

    /**
     * @param step           edge length of the initial simplex (start plus {@code step} along each axis), > 0
     * @param tolerance      converged when every vertex is within this of the best on every axis, > 0
     * @param maxEvaluations cost evaluations allowed in all (restarts included)
     * @param maxRestarts    restarts after the first convergence (0 for none)
     */
    public record Settings(double step, double tolerance, int maxEvaluations, int maxRestarts) {
        public Settings {
            if (!(step > 0) || !(tolerance > 0) || maxEvaluations < 1 || maxRestarts < 0
                    || !Double.isFinite(step + tolerance)) {
                throw new IllegalArgumentException("Nelder-Mead: step and tolerance must be finite and > 0, "
                        + "evaluations >= 1, restarts >= 0");
            }
        }
    }

    /**
     * @param point       the best point found
     * @param value       the cost there
     * @param evaluations cost evaluations used
     * @param converged   false when the evaluation budget ran out first
     */
    public record Result(double[] point, double value, int evaluations, boolean converged) {
    }

    /**
     * Minimises {@code cost} from {@code start} (not modified). The cost must not modify its argument.
     */
    public static Result minimize(ToDoubleFunction<double[]> cost, double[] start, Settings settings) {
        int[] used = {0};
        double[] best = start.clone();
        double bestValue = Double.NaN;
        boolean converged = false;
        for (int run = 0; run <= settings.maxRestarts(); run++) {
            Simplex s = new Simplex(cost, best, settings.step(), used);
            converged = s.run(settings.tolerance(), settings.maxEvaluations());
            double moved = 0;
            for (int k = 0; k < best.length; k++) {
                moved = Math.max(moved, Math.abs(s.best()[k] - best[k]));
            }
            if (Double.isNaN(bestValue) || s.bestValue() <= bestValue) {
                best = s.best();
                bestValue = s.bestValue();
            }
            if (!converged || (run > 0 && moved <= settings.tolerance())) {
                break;
            }
        }
        return new Result(best, bestValue, used[0], converged);
    }

    /** One Nelder–Mead run: n + 1 vertices kept sorted by cost. */
    private static final class Simplex {
        private final ToDoubleFunction<double[]> cost;
        private final int[] used;
        private final int n;
        private final double[][] x;
        private final double[] f;

        Simplex(ToDoubleFunction<double[]> cost, double[] start, double step, int[] used) {
            this.cost = cost;
            this.used = used;
            this.n = start.length;
            this.x = new double[n + 1][];
            this.f = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                x[i] = start.clone();
                if (i > 0) {
                    x[i][i - 1] += step;
                }
                f[i] = evaluate(x[i]);
            }
            sort();
        }

        double[] best() {
            return x[0].clone();
        }

        double bestValue() {
            return f[0];
        }

        boolean run(double tolerance, int maxEvaluations) {
            double[] c = new double[n];
            while (true) {
                if (diameter() <= tolerance) {
                    return true;
                }
                if (used[0] >= maxEvaluations) {
                    return false;
                }
                Arrays.fill(c, 0);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < n; k++) {
                        c[k] += x[i][k] / n;
                    }
                }
                double[] worst = x[n];
                double[] xr = along(c, worst, -1);
                double fr = evaluate(xr);
                if (fr < f[0]) {
                    double[] xe = along(c, worst, -2);
                    double fe = evaluate(xe);
                    replaceWorst(fe < fr ? xe : xr, Math.min(fe, fr));
                } else if (fr < f[n - 1]) {
                    replaceWorst(xr, fr);
                } else {
                    // contraction: outside when the reflection beat the worst vertex, else inside
                    double[] xc = fr < f[n] ? along(c, worst, -0.5) : along(c, worst, 0.5);
                    double fc = evaluate(xc);
                    if (fc < Math.min(fr, f[n])) {
                        replaceWorst(xc, fc);
                    } else {
                        shrink();
                    }
                }
            }
        }

        /** {@code c + t·(w − c)}. */
        private static double[] along(double[] c, double[] w, double t) {
            double[] out = new double[c.length];
            for (int k = 0; k < c.length; k++) {
                out[k] = c[k] + t * (w[k] - c[k]);
            }
            return out;
        }

        private void replaceWorst(double[] point, double value) {
            x[n] = point;
            f[n] = value;
            sort();
        }

        private void shrink() {
            for (int i = 1; i <= n; i++) {
                for (int k = 0; k < n; k++) {
                    x[i][k] = x[0][k] + 0.5 * (x[i][k] - x[0][k]);
                }
                f[i] = evaluate(x[i]);
            }
            sort();
        }

        /** Largest distance on any axis between a vertex and the best one. */
        private double diameter() {
            double d = 0;
            for (int i = 1; i <= n; i++) {
                for (int k = 0; k < n; k++) {
                    d = Math.max(d, Math.abs(x[i][k] - x[0][k]));
                }
            }
            return d;
        }

        private double evaluate(double[] p) {
            used[0]++;
            double v = cost.applyAsDouble(p);
            // a non-finite cost ranks worst, so the simplex moves away from it
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        }

        /** Insertion sort by cost, stable: equal costs keep their order (deterministic). */
        private void sort() {
            for (int i = 1; i <= n; i++) {
                double[] xi = x[i];
                double fi = f[i];
                int j = i - 1;
                while (j >= 0 && f[j] > fi) {
                    x[j + 1] = x[j];
                    f[j + 1] = f[j];
                    j--;
                }
                x[j + 1] = xi;
                f[j + 1] = fi;
            }
        }
    }
}
