package org.dwimotion.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.junit.jupiter.api.Test;

class LinearInterpolatorTest extends InterpolatorContractTest {
    @Override
    Interpolator create(Image3D image) {
        return new LinearInterpolator(image);
    }

    @Test
    void midpointIsTheMeanOfTheEightNeighbours() {
        Image3D img = random(GRID, 11);
        double mean = 0;
        for (int d = 0; d < 8; d++) {
            mean += img.data()[GRID.index(2 + (d & 1), 3 + ((d >> 1) & 1), 1 + ((d >> 2) & 1))];
        }
        assertEquals(mean / 8, new LinearInterpolator(img).evaluateAtContinuousIndex(2.5, 3.5, 1.5), 1e-5);
    }

    @Test
    void singleSliceImagesWork() {
        ImageGeometry flat = ImageGeometry.ofSpacing(3, 2, 1, 1, 1, 1);
        Image3D img = new Image3D(flat, new float[] {0, 1, 2, 3, 4, 5});
        assertEquals(2.5, new LinearInterpolator(img).evaluateAtContinuousIndex(1, 0.5, 0.3), 1e-6);
    }
}
