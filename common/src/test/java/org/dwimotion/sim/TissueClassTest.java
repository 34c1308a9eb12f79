package org.dwimotion.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TissueClassTest {
    private static final TissueClass WM = TissueClass.WHITE_MATTER;

    @Test
    void whiteMatterHasItsDiffusivitiesAndKurtosesAlongAndAcrossTheFibre() {
        double[] f = DkiSignalOpsTest.unit(1, 2, -0.5);
        double[] d6 = new double[6], w15 = new double[15];
        tensors(WM, f, d6, w15);
        double[] perp = DkiSignalOpsTest.unit(2, -1, 0); // f·perp = 0
        assertEquals(WM.lambdaPar(), DkiSignalOps.apparentDiffusivity(d6, f[0], f[1], f[2]), 1e-15);
        assertEquals(WM.lambdaPerp(), DkiSignalOps.apparentDiffusivity(d6, perp[0], perp[1], perp[2]), 1e-15);
        assertEquals(WM.kPar(), DkiSignalOps.apparentKurtosis(d6, w15, f[0], f[1], f[2]), 1e-12);
        assertEquals(WM.kPerp(), DkiSignalOps.apparentKurtosis(d6, w15, perp[0], perp[1], perp[2]), 1e-12);
        assertEquals(WM.meanDiffusivity(), DkiSignalOps.meanDiffusivity(d6), 1e-18);
    }

    @Test
    void defaultTissuesStayMonotonicUpToTheLargestAcceptedB() {
        for (TissueClass t : new TissueClass[] {WM, TissueClass.GREY_MATTER, TissueClass.CSF}) {
            assertTrue(t.maxMonotonicB() > SimulationConfig.MAX_B, t.name());
        }
        // numerically, along and across the fibre
        double[] f = {0, 0, 1}, d6 = new double[6], w15 = new double[15];
        tensors(WM, f, d6, w15);
        for (double[] g : new double[][] {{0, 0, 1}, {1, 0, 0}, DkiSignalOpsTest.unit(1, 0, 1)}) {
            double previous = Double.POSITIVE_INFINITY;
            for (double b = 0; b <= SimulationConfig.MAX_B; b += 100) {
                double s = DkiSignalOps.signal(1, d6, w15, b, g[0], g[1], g[2]);
                assertTrue(s < previous, "signal must fall with b");
                previous = s;
            }
        }
    }

    static void tensors(TissueClass t, double[] f, double[] d6, double[] w15) {
        t.diffusionTensor(f[0], f[1], f[2], d6);
        double[] a = new double[6], mdw = new double[15];
        t.kurtosisRoot(f[0], f[1], f[2], a);
        TissueClass.addSymmetrisedSquare(a, 1, mdw);
        double md = t.meanDiffusivity();
        for (int e = 0; e < 15; e++) {
            w15[e] = mdw[e] / (md * md);
        }
    }
}
