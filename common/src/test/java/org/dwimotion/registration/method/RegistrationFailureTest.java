package org.dwimotion.registration.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.registration.SyntheticImages;
import org.junit.jupiter.api.Test;

/** Bad data gives a failure status with the initial transform, never an exception or NaN. */
class RegistrationFailureTest {
    private static final ImageGeometry GRID = SyntheticImages.obliqueGrid();
    private static final Image3D IMAGE = SyntheticImages.sample(GRID, null);
    private static final Image3D MASK = SyntheticImages.mask(GRID, 120);

    private static Image3D constant(float v) {
        float[] d = new float[GRID.numVoxels()];
        Arrays.fill(d, v);
        return new Image3D(GRID, d);
    }

    private static void assertFailure(RegistrationResult r, RegistrationStatus expected) {
        assertEquals(expected, r.status(), r.message());
        assertFalse(r.converged());
        assertFalse(r.status().succeeded());
        for (double v : r.fixedToMoving()) {
            assertTrue(Double.isFinite(v));
        }
        assertFalse(Double.isNaN(r.finalMetric()));
        assertFalse(r.message().isBlank());
    }

    @Test
    void constantFixedImage() {
        assertFailure(new ImageRegistrationMethod().register(constant(5), IMAGE, null), RegistrationStatus.CONSTANT_FIXED);
    }

    @Test
    void emptyMovingImage() {
        assertFailure(new ImageRegistrationMethod().register(IMAGE, constant(0), MASK), RegistrationStatus.CONSTANT_MOVING);
    }

    @Test
    void emptyMask() {
        assertFailure(new ImageRegistrationMethod().register(IMAGE, IMAGE, Image3D.zeros(GRID)), RegistrationStatus.EMPTY_MASK);
    }

    @Test
    void noOverlap() {
        double[] far = Affines.identity();
        far[3] = 500; // the whole fixed mask maps half a metre away from the moving image
        RegistrationResult r = new ImageRegistrationMethod().register(IMAGE, IMAGE, MASK, far);
        assertFailure(r, RegistrationStatus.INSUFFICIENT_OVERLAP);
        assertArrayEquals(far, r.fixedToMoving(), 1e-9);
    }

    @Test
    void barelyOverlapping() {
        double[] shifted = Affines.identity();
        shifted[3] = 80; // 80 of ~96 mm: only a sliver of the mask still lands in the moving image
        assertFailure(new ImageRegistrationMethod().register(IMAGE, IMAGE, MASK, shifted),
                RegistrationStatus.INSUFFICIENT_OVERLAP);
    }

    @Test
    void nonFiniteData() {
        float[] d = IMAGE.data().clone();
        d[100] = Float.NaN;
        assertFailure(new ImageRegistrationMethod().register(IMAGE, new Image3D(GRID, d), MASK),
                RegistrationStatus.NON_FINITE_INPUT);
    }

    @Test
    void structuralMistakesAreExceptions() {
        ImageRegistrationMethod m = new ImageRegistrationMethod();
        Image3D otherMask = Image3D.zeros(ImageGeometry.ofSpacing(3, 3, 3, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> m.register(IMAGE, IMAGE, otherMask));
        assertThrows(IllegalArgumentException.class, () -> m.register(null, IMAGE, null));
        assertThrows(IllegalArgumentException.class, () -> m.register(IMAGE, IMAGE, null, new double[9]));
    }

    @Test
    void perLevelSettingsAreValidatedInTheSetters() {
        RegistrationSettings s = new RegistrationSettings();
        assertEquals(3, s.numberOfLevels());
        assertArrayEquals(new int[] {4, 2, 1}, s.shrinkFactors());
        assertArrayEquals(new double[] {2, 1, 0.75}, s.smoothingSigmas(), 0);
        assertThrows(IllegalArgumentException.class, () -> s.setShrinkFactorsPerLevel(2, 1));
        assertThrows(IllegalArgumentException.class, () -> s.setSmoothingSigmasPerLevel(1, 0));
        assertThrows(IllegalArgumentException.class, () -> s.setMaximumIterationsPerLevel(10, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> s.setSamplingFractionsPerLevel(1, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> s.setSmoothingSigmasPerLevel(1, -1, 0));
        s.setNumberOfLevels(2).setShrinkFactorsPerLevel(3, 1).setSmoothingSigmasPerLevel(4.0, 0.0);
        assertArrayEquals(new int[] {3, 1}, s.shrinkFactors());
        assertThrows(IllegalArgumentException.class, () -> s.setNumberOfLevels(0));
    }
}
