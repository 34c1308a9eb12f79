package org.dwimotion.registration.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dwimotion.image.Affines;
import org.junit.jupiter.api.Test;

/** EddyTransform: parameters (mm, radians, mm/mm) round-trip through the matrix; Jacobian by central differences. */
class EddyTransformTest {
    private static final double[] C = {1.5, -2, 3};
    private static final double[] P = {1.2, -0.7, 2.1, 0.03, -0.02, 0.04, 0.02, -0.015, 0.011};

    private static double[] oblique() {
        double[] u = {0.1, 0.98, 0.2};
        double n = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        return new double[] {u[0] / n, u[1] / n, u[2] / n};
    }

    @Test
    void matrixIsEddyAfterRigid() {
        EddyTransform t = new EddyTransform(C, EddyTransform.WORLD_Y, P);
        double[] rigid = new RigidTransform(C, java.util.Arrays.copyOf(P, 6)).toMatrix();
        double[] g = new double[3];
        double[] out = new double[3];
        double[] x = {10, -20, 35};
        Affines.apply(rigid, x[0], x[1], x[2], g);
        Affines.apply(t.toMatrix(), x[0], x[1], x[2], out);
        double s = P[6] * (g[0] - C[0]) + P[7] * (g[1] - C[1]) + P[8] * (g[2] - C[2]);
        assertArrayEquals(new double[] {g[0], g[1] + s, g[2]}, out, 1e-12);
    }

    @Test
    void setMatrixRoundTrips() {
        for (double[] u : new double[][] {EddyTransform.WORLD_Y, oblique()}) {
            EddyTransform t = new EddyTransform(C, u, P);
            EddyTransform back = new EddyTransform(C, u);
            back.setMatrix(t.toMatrix());
            assertArrayEquals(P, back.getParameters(), 1e-12);
            assertArrayEquals(t.toMatrix(), back.copy().toMatrix(), 1e-12);
        }
    }

    @Test
    void jacobianMatchesCentralDifferences() {
        double[] u = oblique();
        EddyTransform t = new EddyTransform(C, u, P);
        double[] jac = new double[27];
        double[] x = {-30, 12, 44};
        t.computeJacobianWithRespectToParameters(x[0], x[1], x[2], jac);
        double h = 1e-6;
        for (int p = 0; p < 9; p++) {
            double[] plus = P.clone();
            double[] minus = P.clone();
            plus[p] += h;
            minus[p] -= h;
            double[] a = new double[3];
            double[] b = new double[3];
            new EddyTransform(C, u, plus).transformPoint(x[0], x[1], x[2], a);
            new EddyTransform(C, u, minus).transformPoint(x[0], x[1], x[2], b);
            for (int r = 0; r < 3; r++) {
                assertEquals((a[r] - b[r]) / (2 * h), jac[r * 9 + p], 1e-6, "row " + r + " parameter " + p);
            }
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new EddyTransform(C, new double[] {0, 2, 0}));
        assertThrows(IllegalArgumentException.class, () -> new EddyTransform(C).setParameters(new double[6]));
        double[] mirror = Affines.identity();
        mirror[0] = -1;
        assertThrows(IllegalArgumentException.class, () -> new EddyTransform(C).setMatrix(mirror));
    }
}
