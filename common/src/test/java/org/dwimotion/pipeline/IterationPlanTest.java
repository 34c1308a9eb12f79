package org.dwimotion.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.registration.method.TransformType;
import org.junit.jupiter.api.Test;

class IterationPlanTest {
    private static final LovoModelType DTI = LovoModelType.DTI;
    private static final LovoModelType DKI = LovoModelType.DKI;

    /** The models a plan runs when its iterations move the estimates by {@code moves} in turn (mm). */
    private static List<LovoModelType> run(IterationPlan plan, double... moves) {
        List<LovoModelType> models = new ArrayList<>();
        double[] moved = new double[0];
        for (LovoModelType m = plan.next(moved); m != null; m = plan.next(moved)) {
            models.add(m);
            assertTrue(models.size() <= plan.maxIterations(), "no more than the plan's maximum");
            moved = Arrays.copyOf(moved, moved.length + 1);
            moved[moved.length - 1] = moves[moved.length - 1];
        }
        return models;
    }

    @Test
    void dkiWarmsUpWithDtiUntilAnIterationMovesLessThanTheTolerance() {
        IterationPlan p = IterationPlan.auto(DKI, TransformType.RIGID, 2.5);
        assertTrue(p.converging());
        assertEquals(0.1, p.toleranceMm(), 1e-12, "0.04 voxel at 2.5 mm");
        // the 2.5 mm accuracy series: three shells settle after 2 DTI iterations, large motion after 3
        assertEquals(List.of(DTI, DTI, DKI), run(p, 0.324, 0.072, 0.082));
        assertEquals(List.of(DTI, DTI, DTI, DKI), run(p, 0.462, 0.117, 0.037, 0.297));
        // at least 2 DTI iterations, even when the first moves little; at most 4
        assertEquals(List.of(DTI, DTI, DKI), run(p, 0.01, 0.01, 0.01));
        assertEquals(List.of(DTI, DTI, DTI, DTI, DKI), run(p, 1, 1, 1, 1, 1));
        assertEquals(5, p.maxIterations());
        assertEquals("3/max 5", p.label(3));
        assertTrue(p.describe().contains("< 0.100 mm (2 to 4), then DKI"), p.describe());
    }

    @Test
    void dtiRunsStopWhenTheySettle() {
        IterationPlan p = IterationPlan.auto(DTI, TransformType.RIGID, 2.5);
        assertEquals(List.of(DTI, DTI), run(p, 0.226, 0.039));
        assertEquals(List.of(DTI, DTI, DTI), run(p, 0.462, 0.117, 0.04));
        assertEquals(List.of(DTI, DTI, DTI, DTI), run(p, 1, 1, 1, 1));
        assertEquals(4, p.maxIterations());
        assertFalse(p.describe().contains("DKI"), p.describe());
    }

    @Test
    void toleranceScalesWithTheVoxel() {
        IterationPlan coarse = IterationPlan.auto(DKI, TransformType.RIGID, 5.5);
        assertEquals(0.22, coarse.toleranceMm(), 1e-12);
        // a 5.5 mm series whose second DTI iteration moved 0.156 mm has settled there
        assertEquals(List.of(DTI, DTI, DKI), run(coarse, 0.479, 0.156, 0.41));
    }

    @Test
    void affineAndOtherModelsAndTypedCountsAreFixed() {
        assertEquals(IterationPlan.fixed(DKI, 4), IterationPlan.auto(DKI, TransformType.AFFINE, 2.5));
        assertEquals(List.of(DTI, DTI, DTI, DKI), run(IterationPlan.auto(DKI, TransformType.AFFINE, 2.5), 1, 1, 1, 1));
        for (LovoModelType m : new LovoModelType[] {LovoModelType.B0, LovoModelType.AVGDWI}) {
            IterationPlan p = IterationPlan.auto(m, TransformType.RIGID, 2.5);
            assertEquals(IterationPlan.fixed(m, 2), p);
            assertEquals(List.of(m, m), run(p, 1, 1));
        }
        IterationPlan three = IterationPlan.fixed(DKI, 3);
        assertEquals(List.of(DTI, DTI, DKI), run(three, 1, 0, 0), "moves do not matter to a fixed plan");
        assertEquals("2/3", three.label(2));
        assertEquals("3 iteration(s)", three.describe());
        assertEquals(List.of(DTI), run(IterationPlan.fixed(DTI, 1), 1));
    }

    @Test
    void badPlansAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> IterationPlan.fixed(DKI, 0));
        assertThrows(IllegalArgumentException.class, () -> IterationPlan.fixed(DKI, 21));
        assertThrows(IllegalArgumentException.class, () -> new IterationPlan(LovoModelType.B0, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new IterationPlan(DKI, 2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> IterationPlan.auto(DKI, TransformType.RIGID, 0));
        assertThrows(IllegalArgumentException.class, () -> IterationPlan.auto(DKI, TransformType.RIGID, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> IterationPlan.fixed(null, 2));
    }
}
