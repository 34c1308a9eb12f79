package org.dwimotion.registration.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.motion.DisplacementError;
import org.dwimotion.motion.DisplacementStats;
import org.dwimotion.registration.SyntheticImages;
import org.dwimotion.registration.transform.AffineTransform;
import org.dwimotion.registration.transform.RigidTransform;
import org.junit.jupiter.api.Test;

/** Registration of analytic images moved by known transforms (no shared data needed). */
class SyntheticRegistrationTest {
    private static final ImageGeometry GRID = SyntheticImages.obliqueGrid();
    private static final Image3D FIXED = SyntheticImages.sample(GRID, null);
    private static final Image3D MASK = SyntheticImages.mask(GRID, 120);

    @Test
    void recoversRigidMotion() {
        double[] truth = new RigidTransform(GRID.fieldOfViewCentre(), new double[] {5, -3, 7, 0.1, -0.05, 0.12}).toMatrix();
        Image3D moving = SyntheticImages.sample(GRID, truth);
        long t0 = System.nanoTime();
        RegistrationResult r = new ImageRegistrationMethod().register(FIXED, moving, MASK);
        long t1 = System.nanoTime();
        DisplacementStats e = DisplacementError.between(r.fixedToMoving(), truth, GRID, MASK);
        System.out.printf("rigid: %s%n  error mean %.4f median %.4f max %.4f mm, %.1f ms%n", r, e.mean(), e.median(),
                e.max(), (t1 - t0) / 1e6);
        assertEquals(RegistrationStatus.CONVERGED, r.status());
        assertTrue(e.median() < 0.05, "median error " + e.median());
    }

    @Test
    void recoversAffineMotion() {
        double[] p = {1.02, 0.015, -0.01, -0.02, 0.98, 0.025, 0.01, -0.015, 1.03, -4, 2, 3};
        double[] truth = new AffineTransform(GRID.fieldOfViewCentre(), p).toMatrix();
        Image3D moving = SyntheticImages.sample(GRID, truth);
        RegistrationSettings s = new RegistrationSettings().setTransformType(TransformType.AFFINE);
        long t0 = System.nanoTime();
        RegistrationResult r = new ImageRegistrationMethod(s).register(FIXED, moving, MASK);
        long t1 = System.nanoTime();
        DisplacementStats e = DisplacementError.between(r.fixedToMoving(), truth, GRID, MASK);
        System.out.printf("affine: %s%n  error mean %.4f median %.4f max %.4f mm, %.1f ms%n", r, e.mean(), e.median(),
                e.max(), (t1 - t0) / 1e6);
        assertTrue(r.status().succeeded());
        assertTrue(e.median() < 0.05, "median error " + e.median());
    }

    @Test
    void isBitIdenticalWhenRepeated() {
        double[] truth = new RigidTransform(GRID.fieldOfViewCentre(), new double[] {2, 1, -3, 0.05, 0.02, -0.04}).toMatrix();
        Image3D moving = SyntheticImages.sample(GRID, truth);
        RegistrationResult a = new ImageRegistrationMethod().register(FIXED, moving, MASK);
        RegistrationResult b = new ImageRegistrationMethod().register(FIXED, moving, MASK);
        assertArrayEquals(a.fixedToMoving(), b.fixedToMoving(), 0.0);
        assertEquals(a.finalMetric(), b.finalMetric(), 0.0);
        assertArrayEquals(a.iterationsPerLevel(), b.iterationsPerLevel());
    }
}
