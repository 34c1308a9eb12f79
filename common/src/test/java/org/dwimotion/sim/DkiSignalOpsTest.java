package org.dwimotion.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DkiSignalOpsTest {

    @Test
    void multiplicitiesCoverAllEightyOneElements() {
        int sum = 0;
        for (int m : DkiSignalOps.W_MULTIPLICITY) {
            sum += m;
        }
        assertEquals(81, sum);
    }

    @Test
    void kurtosisSumMatchesTheFullTensorContraction() {
        Random rng = new Random(3);
        double[] w15 = new double[15];
        for (int e = 0; e < 15; e++) {
            w15[e] = rng.nextDouble() - 0.5;
        }
        double[] full = expand(w15);
        double[] g = unit(rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian());
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    for (int l = 0; l < 3; l++) {
                        expected += full[27 * i + 9 * j + 3 * k + l] * g[i] * g[j] * g[k] * g[l];
                    }
                }
            }
        }
        assertEquals(expected, DkiSignalOps.kurtosisSum(w15, g[0], g[1], g[2]), 1e-14);
    }

    @Test
    void designRowTimesCoefficientsIsTheLogSignal() {
        double[] d6 = {1.1e-3, 0.2e-3, 0.7e-3, -0.1e-3, 0.05e-3, 0.5e-3};
        double[] w15 = {0.9, 1.1, 0.7, 0.05, -0.03, 0.02, 0.04, -0.01, 0.03, 0.3, 0.25, 0.35, 0.02, -0.02, 0.01};
        double[] g = unit(0.3, -0.5, 0.8);
        double b = 2000;
        double[] row = new double[21], coef = new double[21];
        DkiSignalOps.designRow(b, g[0], g[1], g[2], row);
        DkiSignalOps.coefficients(d6, w15, coef);
        double s = DkiSignalOps.signal(800, d6, w15, b, g[0], g[1], g[2]);
        assertEquals(Math.log(s / 800), DkiSignalOps.logAttenuation(row, coef), 1e-12);
    }

    @Test
    void isotropicKurtosisTensorGivesItsKurtosisInEveryDirection() {
        double k0 = 0.8, d = 0.8e-3;
        double[] w15 = new double[15];
        w15[DkiSignalOps.W_XXXX] = w15[DkiSignalOps.W_YYYY] = w15[DkiSignalOps.W_ZZZZ] = k0;
        w15[DkiSignalOps.W_XXYY] = w15[DkiSignalOps.W_XXZZ] = w15[DkiSignalOps.W_YYZZ] = k0 / 3;
        double[] d6 = {d, 0, d, 0, 0, d};
        double[] g = unit(0.2, 0.9, -0.4);
        assertEquals(k0, DkiSignalOps.apparentKurtosis(d6, w15, g[0], g[1], g[2]), 1e-12);
        double b = 1500;
        assertEquals(1000 * Math.exp(-b * d + b * b * d * d * k0 / 6),
                DkiSignalOps.signal(1000, d6, w15, b, g[0], g[1], g[2]), 1e-9);
    }

    @Test
    void dipyOrderingOfTheIndexConstants() {
        // W1111 W2222 W3333 W1112 W1113 W1222 W2223 W1333 W2333 W1122 W1133 W2233 W1123 W1223 W1233
        int[][] expected = {{0, 0, 0, 0}, {1, 1, 1, 1}, {2, 2, 2, 2}, {0, 0, 0, 1}, {0, 0, 0, 2}, {0, 1, 1, 1},
                {1, 1, 1, 2}, {0, 2, 2, 2}, {1, 2, 2, 2}, {0, 0, 1, 1}, {0, 0, 2, 2}, {1, 1, 2, 2}, {0, 0, 1, 2},
                {0, 1, 1, 2}, {0, 1, 2, 2}};
        for (int e = 0; e < 15; e++) {
            for (int q = 0; q < 4; q++) {
                assertEquals(expected[e][q], DkiSignalOps.W_AXES[4 * e + q], "element " + e);
            }
        }
    }

    static double[] unit(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / n, y / n, z / n};
    }

    /** The full symmetric 3×3×3×3 tensor, index 27i + 9j + 3k + l. */
    static double[] expand(double[] w15) {
        double[] full = new double[81];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    for (int l = 0; l < 3; l++) {
                        int[] s = {i, j, k, l};
                        java.util.Arrays.sort(s);
                        for (int e = 0; e < 15; e++) {
                            if (DkiSignalOps.W_AXES[4 * e] == s[0] && DkiSignalOps.W_AXES[4 * e + 1] == s[1]
                                    && DkiSignalOps.W_AXES[4 * e + 2] == s[2] && DkiSignalOps.W_AXES[4 * e + 3] == s[3]) {
                                full[27 * i + 9 * j + 3 * k + l] = w15[e];
                            }
                        }
                    }
                }
            }
        }
        return full;
    }
}
