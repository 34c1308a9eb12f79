package org.dwimotion.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.registration.transform.RigidTransform;
import org.junit.jupiter.api.Test;

class DisplacementErrorTest {
    private static final ImageGeometry GRID = ImageGeometry.ofSpacing(5, 5, 1, 2, 2, 2);

    @Test
    void translationGivesItsLengthEverywhere() {
        double[] t = Affines.identity();
        t[3] = 3;
        t[7] = 4;
        DisplacementStats s = DisplacementError.between(t, Affines.identity(), GRID, null);
        assertEquals(5, s.mean(), 1e-12);
        assertEquals(5, s.median(), 1e-12);
        assertEquals(5, s.max(), 1e-12);
        assertEquals(25, s.count());
    }

    @Test
    void rotationAboutTheCentreGrowsWithDistance() {
        // 5x5 grid of 2 mm, centre voxel (2,2); 90° about z: |R x - x| = sqrt(2) * r
        double[] c = GRID.fieldOfViewCentre();
        double[] r = new RigidTransform(c, new double[] {0, 0, 0, 0, 0, Math.PI / 2}).toMatrix();
        float[] mask = new float[25];
        mask[GRID.index(2, 2, 0)] = 1; // r = 0
        mask[GRID.index(3, 2, 0)] = 1; // r = 2
        mask[GRID.index(4, 4, 0)] = 1; // r = 4 sqrt 2
        DisplacementStats s = DisplacementError.between(r, Affines.identity(), GRID, new Image3D(GRID, mask));
        assertEquals(3, s.count());
        assertEquals(2 * Math.sqrt(2), s.median(), 1e-9);
        assertEquals(8, s.max(), 1e-9);
        assertEquals((0 + 2 * Math.sqrt(2) + 8) / 3, s.mean(), 1e-9);
        assertEquals(s.mean(), DisplacementError.meanBetween(r, Affines.identity(), GRID, new Image3D(GRID, mask)), 0);
    }

    @Test
    void emptyMaskIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> DisplacementError.between(Affines.identity(), Affines.identity(), GRID, Image3D.zeros(GRID)));
        assertThrows(IllegalArgumentException.class, () -> DisplacementError.meanBetween(Affines.identity(),
                Affines.identity(), GRID, Image3D.zeros(GRID)));
    }
}
