package org.dwimotion.registration.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class NelderMeadOptimizerTest {

    @Test
    void findsTheMinimumOfAnIllConditionedQuadraticIn6D() {
        double[] centre = {0.3, -0.2, 0.5, 0.01, -0.4, 0.25};
        double[] w = {1, 2, 5, 10, 0.5, 3};
        ToDoubleFunction<double[]> f = x -> {
            double s = 0;
            for (int k = 0; k < 6; k++) {
                s += w[k] * (x[k] - centre[k]) * (x[k] - centre[k]);
            }
            // a coupling term so the axes are not the principal directions
            return s + 0.8 * (x[0] - centre[0]) * (x[3] - centre[3]);
        };
        NelderMeadOptimizer.Result r = NelderMeadOptimizer.minimize(f, new double[6],
                new NelderMeadOptimizer.Settings(1.0, 1e-6, 20000, 2));
        assertTrue(r.converged());
        assertArrayEquals(centre, r.point(), 1e-5);
        assertEquals(0, r.value(), 1e-10);
    }

    @Test
    void rosenbrock() {
        ToDoubleFunction<double[]> f = x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2);
        NelderMeadOptimizer.Result r = NelderMeadOptimizer.minimize(f, new double[] {-1.2, 1},
                new NelderMeadOptimizer.Settings(0.5, 1e-8, 5000, 2));
        assertArrayEquals(new double[] {1, 1}, r.point(), 1e-5);
    }

    @Test
    void stopsAtTheBudgetAndIsDeterministic() {
        ToDoubleFunction<double[]> f = x -> Math.pow(x[0] - 3, 2) + Math.pow(x[1] + 1, 2);
        NelderMeadOptimizer.Settings s = new NelderMeadOptimizer.Settings(0.1, 1e-12, 10, 0);
        NelderMeadOptimizer.Result a = NelderMeadOptimizer.minimize(f, new double[2], s);
        NelderMeadOptimizer.Result b = NelderMeadOptimizer.minimize(f, new double[2], s);
        assertFalse(a.converged());
        assertTrue(a.evaluations() <= 12, "evaluations " + a.evaluations());
        assertArrayEquals(a.point(), b.point(), 0);
        // a NaN cost ranks worst: the simplex moves away from it
        NelderMeadOptimizer.Result c = NelderMeadOptimizer.minimize(
                x -> x[0] < -0.5 ? Double.NaN : (x[0] - 1) * (x[0] - 1), new double[] {0}, new NelderMeadOptimizer.Settings(1, 1e-9, 1000, 1));
        assertEquals(1, c.point()[0], 1e-6);
    }
}
