package org.dwimotion.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dwimotion.image.ImageGeometry;
import org.junit.jupiter.api.Test;

/** Frame conversion and reorientation against hand-worked cases. */
class BvecFramesTest {
    private static final double[] LAS = {-2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1};
    private static final double[] RAS = {2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1};

    @Test
    void fslXMeansWorldLeftWhateverTheStorageOrder() {
        double[] fsl = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] expected = {-1, 0, 0, 0, 1, 0, 0, 0, 1};
        // LAS storage (det < 0): no flip, i axis points left; RAS storage (det > 0): x flipped, i points right
        assertArrayEquals(expected, BvecFrames.fslToWorld(fsl, LAS), 1e-15);
        assertArrayEquals(expected, BvecFrames.fslToWorld(fsl, RAS), 1e-15);
        assertArrayEquals(fsl, BvecFrames.worldToFsl(expected, RAS), 1e-15);
    }

    @Test
    void obliqueSheared() {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        // rotation about z by 0.3 rad, voxel sizes 2, 3, 4, a small shear
        double[] a = {2 * c, -3 * s + 0.05, 0, 1, 2 * s, 3 * c, 0, 2, 0, 0, 4, 3, 0, 0, 0, 1};
        double[] fsl = {0, 1, 0};
        double[] world = BvecFrames.fslToWorld(fsl, a);
        // the polar rotation is close to the rotation by 0.3: (0,1,0) goes to about (-sin, cos, 0)
        assertArrayEquals(new double[] {-s, c, 0}, world, 2e-2);
        assertArrayEquals(fsl, BvecFrames.worldToFsl(world, a), 1e-14);
    }

    @Test
    void reorientationAppliesTheTransposedRotation() {
        double t = 0.25;
        // fixed -> moving: rotation about z by t plus a translation
        double[] transform = {Math.cos(t), -Math.sin(t), 0, 5, Math.sin(t), Math.cos(t), 0, -3, 0, 0, 1, 2, 0, 0, 0, 1};
        double[] out = new double[3];
        BvecFrames.toReference(new double[] {1, 0, 0}, transform, out);
        assertArrayEquals(new double[] {Math.cos(t), -Math.sin(t), 0}, out, 1e-15);

        ImageGeometry g = new ImageGeometry(2, 2, 2, RAS);
        GradientTable table = GradientTable.of(new double[] {0, 1000}, new double[] {0, 0, 0, -1, 0, 0});
        GradientTable moved = table.reoriented(g, new double[][] {null, transform});
        // FSL (-1,0,0) in an RAS image is world +x; R^T x = (cos, -sin, 0); back to FSL: (-cos, -sin, 0)
        assertArrayEquals(new double[] {0, 0, 0, -Math.cos(t), -Math.sin(t), 0}, moved.bvecs(), 1e-14);
        assertArrayEquals(table.bvals(), moved.bvals());
    }

    @Test
    void affineTransformUsesItsPolarRotation() {
        double t = 0.1;
        double[] scaled = {1.1 * Math.cos(t), -0.9 * Math.sin(t), 0, 0, 1.1 * Math.sin(t), 0.9 * Math.cos(t), 0, 0,
                0, 0, 1.05, 0, 0, 0, 0, 1};
        double[] r = BvecFrames.rotationOf(scaled);
        assertArrayEquals(new double[] {Math.cos(t), -Math.sin(t), 0, Math.sin(t), Math.cos(t), 0, 0, 0, 1}, r, 1e-2);
        assertThrows(IllegalArgumentException.class, () -> BvecFrames.rotationOf(LAS));
    }
}
