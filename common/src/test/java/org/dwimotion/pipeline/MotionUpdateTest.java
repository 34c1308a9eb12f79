package org.dwimotion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.registration.transform.EddyTransform;
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

    @Test
    void rigidWithoutPriorOnlyReReferences() {
        EddySeries s = EddySeries.make(11, K, C, Y, B0);
        EddyCurrentModel.History none = EddyCurrentModel.History.none();
        MotionUpdate.Step step = update(s, TransformType.RIGID, TemporalPrior.NONE)
                .next(s.rigid(), 1, LovoModelType.DTI, table(s), none);
        assertArrayEquals(TransformSet.relativeTo(s.rigid(), 0), step.transforms(), 0);
        assertSame(none, step.eddyHistory());
    }

    @Test
    void rigidWithPriorSmoothsTheReReferencedTransforms() {
        EddySeries s = EddySeries.make(12, K, C, Y, B0);
        GradientTable g = table(s);
        MotionUpdate.Step step = update(s, TransformType.RIGID, TemporalPrior.SMOOTH)
                .next(s.rigid(), 1, LovoModelType.DTI, g, EddyCurrentModel.History.none());
        double[] want = HiddenMotionSmoothing.applyForModel(TransformSet.relativeTo(s.rigid(), 0), LovoModelType.DTI,
                g.bvals(), g.bvecs(), 0, C, HiddenMotionSmoothing.Settings.defaults());
        assertArrayEquals(want, step.transforms(), 0);
    }

    @Test
    void affineSeriesOnTheEddyModelComesBackWithItsField() {
        EddySeries s = EddySeries.make(13, K, C, Y, B0);
        MotionUpdate.Step step = update(s, TransformType.AFFINE, TemporalPrior.NONE)
                .next(s.transforms(), 1, LovoModelType.DTI, table(s), EddyCurrentModel.History.none());
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
                .next(s.transforms(), 1, LovoModelType.DTI, g, EddyCurrentModel.History.none());
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
