package org.dwimotion.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.junit.jupiter.api.Test;

class BrainMaskOpsTest {

    /** An ellipsoid "brain" with a dark "ventricle" inside, a separate bright speck, and noise. */
    private static Image3D headWithVentricleAndSpeck(byte[] truth) {
        int nx = 32, ny = 36, nz = 30;
        ImageGeometry g = ImageGeometry.ofSpacing(nx, ny, nz, 2, 2, 2);
        float[] d = new float[g.numVoxels()];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double x = (i - 15.5) / 11, y = (j - 17.5) / 13, z = (k - 14.5) / 10;
                    boolean brain = x * x + y * y + z * z <= 1;
                    double vx = (i - 15.5) / 3, vy = (j - 17.5) / 4, vz = (k - 14.5) / 3;
                    boolean ventricle = vx * vx + vy * vy + vz * vz <= 1;
                    int idx = g.index(i, j, k);
                    truth[idx] = (byte) (brain ? 1 : 0);
                    double s = brain ? (ventricle ? 30 : 1000) : 0;
                    d[idx] = (float) Math.abs(s + 20 * rnd.nextGaussian());
                }
            }
        }
        d[g.index(1, 1, 1)] = 5000; // isolated hot voxel outside the head
        return new Image3D(g, d);
    }

    @Test
    void recoversEllipsoidWithFilledVentricleAndNoSpeck() {
        byte[] truth = new byte[32 * 36 * 30];
        Image3D img = headWithVentricleAndSpeck(truth);
        byte[] mask = BrainMaskOps.computeMask(img);
        int disagree = 0, brain = 0;
        for (int i = 0; i < mask.length; i++) {
            brain += truth[i];
            if (mask[i] != truth[i]) {
                disagree++;
            }
        }
        assertEquals(0, mask[img.geometry().index(1, 1, 1)], "hot speck outside the head is dropped");
        assertEquals(1, mask[img.geometry().index(15, 17, 14)], "dark ventricle is filled");
        assertTrue(disagree < 0.03 * brain, "mask differs from truth in " + disagree + " of " + brain + " voxels");
    }

    @Test
    void emptyAndConstantImagesGiveEmptyMask() {
        ImageGeometry g = ImageGeometry.ofSpacing(8, 8, 8, 1, 1, 1);
        assertEquals(0, sum(BrainMaskOps.computeMask(Image3D.zeros(g))));
        float[] c = new float[g.numVoxels()];
        java.util.Arrays.fill(c, 5f);
        assertEquals(0, sum(BrainMaskOps.computeMask(new Image3D(g, c))));
    }

    @Test
    void otsuSeparatesTwoModes() {
        float[] d = new float[200];
        for (int i = 0; i < 100; i++) {
            d[i] = 10 + i % 5;
            d[100 + i] = 100 + i % 5;
        }
        double t = BrainMaskOps.otsuThreshold(d);
        assertTrue(t > 14 && t <= 100, "threshold " + t);
    }

    private static int sum(byte[] m) {
        int s = 0;
        for (byte b : m) {
            s += b;
        }
        return s;
    }
}
