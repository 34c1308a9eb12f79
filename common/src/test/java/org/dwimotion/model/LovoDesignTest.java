package org.dwimotion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** Validation, DIPY's DKI b-value rule, parsing and serialisation of {@link LovoDesign}. */
class LovoDesignTest {
    private static final LovoTestData.Table T = LovoTestData.table(3, 20, 1000, 2000);

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void rejectsInconsistentInputWithClearMessages() {
        double[] b = T.bvals();
        double[] g = T.bvecs();
        assertTrue(message(() -> LovoDesign.allVolumes(LovoModelType.DTI, FitMethod.OLS, b, new double[9], 50))
                .contains("bvecs has 9 values"));
        double[] noB0 = b.clone();
        for (int v = 0; v < noB0.length; v++) {
            noB0[v] = 1000;
        }
        assertTrue(message(() -> LovoDesign.allVolumes(LovoModelType.DTI, FitMethod.OLS, noB0, g, 50))
                .contains("no b=0 volume"));
        assertTrue(message(() -> LovoDesign.of(LovoModelType.DTI, FitMethod.OLS, b, g, 50, new int[] {1, 1}))
                .contains("listed twice"));
        assertTrue(message(() -> LovoDesign.of(LovoModelType.DTI, FitMethod.OLS, b, g, 50, new int[] {b.length}))
                .contains("outside"));
        double[] nan = g.clone();
        nan[5] = Double.NaN;
        assertTrue(message(() -> LovoDesign.allVolumes(LovoModelType.B0, FitMethod.OLS, b, nan, 50))
                .contains("not finite"));
    }

    @Test
    void dkiNeedsThreeBValuesInEveryLeaveOneOutSubset() {
        LovoTestData.Table single = LovoTestData.table(2, 30, 1000);
        assertFalse(LovoDesign.supportsDki(single.bvals()));
        assertTrue(message(() -> LovoDesign.allVolumes(LovoModelType.DKI, FitMethod.WLS, single.bvals(),
                single.bvecs(), 50)).contains("use DTI"));
        assertTrue(LovoDesign.supportsDki(T.bvals()));
        // b rounded to 10^(int(log10 max) - 1): 1000 and 1020 are one value; a lone b=2000 cannot be left out
        assertFalse(LovoDesign.supportsDki(new double[] {0, 1000, 1020, 2000}));
        assertTrue(LovoDesign.supportsDki(new double[] {0, 0, 1000, 1020, 2000, 2000}));
    }

    @Test
    void rankDeficientLeaveOneOutDesignIsRejected() {
        // six directions: leaving one out leaves five for six tensor elements
        double r = Math.sqrt(0.5);
        double[] b = {0, 1000, 1000, 1000, 1000, 1000, 1000, 0};
        double[] g = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, r, r, 0, r, 0, r, 0, r, r, 0, 0, 0};
        LovoDesign.of(LovoModelType.DTI, FitMethod.OLS, b, g, 50, new int[0]); // the full design is fine
        String msg = message(() -> LovoDesign.diffusionWeighted(LovoModelType.DTI, FitMethod.OLS, b, g, 50));
        assertTrue(msg.contains("cannot be fitted without volume"), msg);
    }

    @Test
    void parsesNamesAndFailsFastOnUnknownOnes() {
        assertEquals(LovoModelType.AVGDWI, LovoModelType.parse("AvgDWI"));
        assertEquals(FitMethod.WLS, FitMethod.parse("wls"));
        assertThrows(IllegalArgumentException.class, () -> LovoModelType.parse("nlls"));
        assertThrows(IllegalArgumentException.class, () -> FitMethod.parse("rt"));
    }

    @Test
    void survivesJavaSerialisation() throws Exception {
        LovoDesign d = LovoDesign.diffusionWeighted(LovoModelType.DKI, FitMethod.WLS, T.bvals(), T.bvecs(), 50);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(d);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(d, in.readObject());
        }
    }
}
