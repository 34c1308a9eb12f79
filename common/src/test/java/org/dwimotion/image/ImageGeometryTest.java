package org.dwimotion.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImageGeometryTest {

    @Test
    void spacingIsTheColumnNormsAndItsMeanTheirAverage() {
        // voxel axes scaled 2, 3, 4 mm and rotated 90° about z: the column norms stay 2, 3, 4
        double[] affine = {0, -3, 0, 10, 2, 0, 0, -5, 0, 0, 4, 1, 0, 0, 0, 1};
        ImageGeometry g = new ImageGeometry(8, 8, 8, affine);
        assertArrayEquals(new double[] {2, 3, 4}, g.spacing(), 1e-15);
        assertEquals(3.0, g.meanSpacing(), 1e-15);
    }
}
