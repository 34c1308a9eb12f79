package org.dwimotion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.registration.transform.EddyTransform;
import org.dwimotion.registration.transform.RigidTransform;
import org.junit.jupiter.api.Test;

/**
 * MotionUpdate on analytic series ({@link EddySeries}: transforms E(e_v) ∘ G_v, fixed → moving, world mm, about the
 * grid's field-of-view centre; eddy coefficients exactly K·(b/b_max)·g): the steps between two iterations in their
 * documented order. Tolerances: 1e-9 for exact algebra on matrices of unit scale and mm translations.
 */
class MotionUpdateTest {
    private static final ImageGeometry GRID = ImageGeometry.ofSpacing(20, 24, 18, 2, 2, 2.5);
    private static final double[] C = GRID.fieldOfViewCentre();
    private static final double[] Y = EddyTransform.WORLD_Y;
    private static final double B0 = 50;
    private static final double[] K = {-0.03, 0.004, -0.002, 0.001, 0.025, 0.003, -0.004, 0.002, 0.02};

    private static GradientTable table(EddySeries s) {
        return GradientTable.of(s.bvals(), s.bvecs(), B0);
    }

    private static MotionUpdate update(EddySeries s, TransformType type, TemporalPrior prior) {
        return new MotionUpdate(table(s), GRID, 0, type, prior, Y, 2);
    }

    private static MotionUpdate.Step start(EddySeries s) {
        return MotionUpdate.Step.start(TransformSet.identities(s.bvals().length));
    }

    @Test
    void rigidWithoutPriorOnlyReReferences() {
        EddySeries s = EddySeries.make(11, K, C, Y, B0);
        MotionUpdate.Step start = start(s);
        MotionUpdate.Step step = update(s, TransformType.RIGID, TemporalPrior.NONE)
                .next(s.rigid(), 1, LovoModelType.DTI, table(s), start);
        assertArrayEquals(TransformSet.relativeTo(s.rigid(), 0), step.transforms(), 0);
        assertSame(start.eddyHistory(), step.eddyHistory());
    }

    @Test
    void rigidWithPriorSmoothsTheReReferencedTransforms() {
        EddySeries s = EddySeries.make(12, K, C, Y, B0);
        GradientTable g = table(s);
        MotionUpdate.Step step = update(s, TransformType.RIGID, TemporalPrior.SMOOTH)
                .next(s.rigid(), 1, LovoModelType.DTI, g, start(s));
        double[] want = HiddenMotionSmoothing.applyForModel(TransformSet.relativeTo(s.rigid(), 0), LovoModelType.DTI,
                g.bvals(), g.bvecs(), 0, C, HiddenMotionSmoothing.Settings.defaults());
        assertArrayEquals(want, step.transforms(), 0);
    }

    @Test
    void aDkiIterationAfterDtiWarmUpsGetsTheWarmedUpPrior() {
        // 40 volumes on two shells: enough for DKI's 22 regressors
        int n = 40;
        Random r = new Random(16);
        double[] bvals = new double[n];
        double[] bvecs = new double[3 * n];
        double[] raw = new double[16 * n];
        for (int v = 0; v < n; v++) {
            bvals[v] = v % 10 == 0 ? 0 : v % 2 == 0 ? 1000 : 2000;
            double[] d = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double norm = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            for (int i = 0; i < 3 && bvals[v] > 0; i++) {
                bvecs[3 * v + i] = d[i] / norm;
            }
            double[] p = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), 0.02 * r.nextGaussian(),
                    0.02 * r.nextGaussian(), 0.02 * r.nextGaussian()};
            System.arraycopy(new RigidTransform(C, p).toMatrix(), 0, raw, 16 * v, 16);
        }
        GradientTable g = GradientTable.of(bvals, bvecs, B0);
        MotionUpdate update = new MotionUpdate(g, GRID, 0, TransformType.RIGID, TemporalPrior.SMOOTH, Y, 2);
        MotionUpdate.Step start = MotionUpdate.Step.start(TransformSet.identities(n));
        MotionUpdate.Step dti = update.next(raw, 1, LovoModelType.DTI, g, start);
        assertTrue(dti.afterDti());
        MotionUpdate.Step dki = update.next(raw, 2, LovoModelType.DKI, g, dti);
        HiddenMotionSmoothing.Settings s = HiddenMotionSmoothing.Settings.defaults();
        double[] relative = TransformSet.relativeTo(raw, 0);
        assertArrayEquals(HiddenMotionSmoothing.applyAfter(relative, LovoModelType.DKI, true, bvals, bvecs, 0, C, s),
                dki.transforms(), 0);
        MotionUpdate.Step dkiOnly = update.next(raw, 1, LovoModelType.DKI, g, start);
        assertFalse(dkiOnly.afterDti());
        assertArrayEquals(HiddenMotionSmoothing.applyForModel(relative, LovoModelType.DKI, bvals, bvecs, 0, C, s),
                dkiOnly.transforms(), 0);
        assertFalse(Arrays.equals(dki.transforms(), dkiOnly.transforms()));
    }

    @Test
    void affineSeriesOnTheEddyModelComesBackWithItsField() {
        EddySeries s = EddySeries.make(13, K, C, Y, B0);
        MotionUpdate.Step step = update(s, TransformType.AFFINE, TemporalPrior.NONE)
                .next(s.transforms(), 1, LovoModelType.DTI, table(s), start(s));
        // re-referencing keeps E(e_v) on the left, so the fitted K is the series' own and every DWI is rebuilt
        assertArrayEquals(TransformSet.relativeTo(s.transforms(), 0), step.transforms(), 1e-9);
        assertNotNull(step.eddyHistory().previous());
        assertArrayEquals(K, step.eddyHistory().previous(), 1e-9);
        assertNull(step.eddyHistory().beforePrevious());
    }

    @Test
    void affinePriorSeesTheRigidPartsOnly() {
        EddySeries s = EddySeries.make(14, K, C, Y, B0);
        GradientTable g = table(s);
        MotionUpdate.Step step = update(s, TransformType.AFFINE, TemporalPrior.SMOOTH)
                .next(s.transforms(), 1, LovoModelType.DTI, g, start(s));
        EddyCurrentModel.Parts parts = EddyCurrentModel.decompose(TransformSet.relativeTo(s.transforms(), 0),
                s.bvals(), B0, Y, C);
        double[] smoothed = HiddenMotionSmoothing.applyForModel(parts.rigid(), LovoModelType.DTI, g.bvals(),
                g.bvecs(), 0, C, HiddenMotionSmoothing.Settings.defaults());
        double[] want = EddyCurrentModel.withEddy(smoothed, s.eddy(), s.bvals(), B0, Y, C);
        assertArrayEquals(want, step.transforms(), 1e-9);
    }

    @Test
    void gradientsTurnWithTheHeadMotionOnly() {
        EddySeries s = EddySeries.make(15, K, C, Y, B0);
        GradientTable affine = update(s, TransformType.AFFINE, TemporalPrior.SMOOTH).gradientsFor(s.transforms());
        assertArrayEquals(table(s).reoriented(GRID, TransformSet.split(s.rigid())).bvecs(), affine.bvecs(), 1e-12);
        GradientTable rigid = update(s, TransformType.RIGID, TemporalPrior.SMOOTH).gradientsFor(s.rigid());
        assertArrayEquals(table(s).reoriented(GRID, TransformSet.split(s.rigid())).bvecs(), rigid.bvecs(), 0);
    }
}
