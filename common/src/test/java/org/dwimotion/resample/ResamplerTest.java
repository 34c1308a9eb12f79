package org.dwimotion.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.registration.SyntheticImages;
import org.dwimotion.registration.transform.RigidTransform;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static final ImageGeometry GRID = SyntheticImages.obliqueGrid();
    private static final Image3D IMAGE = SyntheticImages.sample(GRID, null);

    @Test
    void identityReproducesTheImage() {
        for (Interpolation kind : Interpolation.values()) {
            Image3D out = Resampler.resample(IMAGE, GRID, Affines.identity(), kind, -1f);
            for (int v = 0; v < out.data().length; v++) {
                assertEquals(IMAGE.data()[v], out.data()[v], 1e-3, kind + " voxel " + v);
            }
        }
    }

    /** The listed voxels get exactly the whole-grid values, outside value included (a large shift). */
    @Test
    void resampleAtGivesTheWholeGridValuesBitForBit() {
        double[] c = GRID.fieldOfViewCentre();
        int[] indices = {0, 1, 17, 333, GRID.numVoxels() / 2, GRID.numVoxels() / 2 + GRID.nx(),
                GRID.numVoxels() - 1};
        for (double[] p : new double[][] {{3.3, -2.1, 1.7, 0.08, -0.05, 0.1}, {40, 0, 0, 0, 0, 0}}) {
            double[] t = new RigidTransform(c, p).toMatrix();
            for (Interpolation kind : Interpolation.values()) {
                Interpolator interpolator = kind.create(IMAGE);
                float[] whole = Resampler.resample(interpolator, GRID, t, -5f).data();
                float[] at = Resampler.resampleAt(interpolator, GRID, t, indices, -5f);
                for (int q = 0; q < indices.length; q++) {
                    assertEquals(Float.floatToIntBits(whole[indices[q]]), Float.floatToIntBits(at[q]),
                            kind + " voxel " + indices[q]);
                }
            }
        }
    }

    /**
     * An index outside the reference grid is refused: the arithmetic would otherwise map it to a point beyond the
     * grid (k ≥ nz, or negative) and return a value for a voxel that does not exist.
     */
    @Test
    void resampleAtRefusesIndicesOutsideTheGrid() {
        Interpolator interpolator = Interpolation.LINEAR.create(IMAGE);
        double[] t = Affines.identity();
        for (int bad : new int[] {-1, GRID.numVoxels(), GRID.numVoxels() + GRID.nx()}) {
            assertThrows(IllegalArgumentException.class,
                    () -> Resampler.resampleAt(interpolator, GRID, t, new int[] {0, bad}, 0f), "index " + bad);
        }
    }

    @Test
    void wholeVoxelShiftMovesSamples() {
        ImageGeometry g = ImageGeometry.ofSpacing(8, 7, 6, 2, 2, 2);
        Image3D img = InterpolatorContractTest.random(g, 3);
        double[] t = Affines.identity();
        t[3] = 2; // fixed point x samples moving at x + 2 mm = one voxel along i
        for (Interpolation kind : Interpolation.values()) {
            Image3D out = Resampler.resample(img, g, t, kind, -7f);
            for (int k = 0; k < 6; k++) {
                for (int j = 0; j < 7; j++) {
                    for (int i = 0; i < 7; i++) {
                        assertEquals(img.data()[g.index(i + 1, j, k)], out.data()[g.index(i, j, k)], 1e-3);
                    }
                    assertEquals(-7f, out.data()[g.index(7, j, k)], 0f, "outside value");
                }
            }
        }
    }

    /**
     * Resampling with T and then with T^-1 returns the image up to interpolation error. Stated
     * bound, over voxels whose round trip stays inside the grid (smooth 3 mm blob image, range
     * ~50–900): B-spline RMS error below 0.5 % of the range, trilinear below 2 %.
     */
    @Test
    void roundTripReturnsTheImage() {
        double[] t = new RigidTransform(GRID.fieldOfViewCentre(), new double[] {3.3, -2.1, 1.7, 0.08, -0.05, 0.1}).toMatrix();
        double[] inv = Affines.invert(t);
        Image3D mask = SyntheticImages.mask(GRID, 120);
        float[] range = IMAGE.data();
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (float v : range) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (Interpolation kind : Interpolation.values()) {
            Image3D there = Resampler.resample(IMAGE, GRID, t, kind, 0f);
            Image3D back = Resampler.resample(there, GRID, inv, kind, 0f);
            double ss = 0;
            int n = 0;
            for (int v = 0; v < range.length; v++) {
                if (mask.data()[v] != 0) {
                    double e = back.data()[v] - range[v];
                    ss += e * e;
                    n++;
                }
            }
            double rms = Math.sqrt(ss / n) / (hi - lo);
            System.out.printf("round trip %s: RMS error %.4f %% of the range over %d voxels%n", kind, 100 * rms, n);
            assertEquals(0, rms, kind == Interpolation.BSPLINE3 ? 0.005 : 0.02);
        }
    }

    @Test
    void rejectsBadTransforms() {
        assertThrows(IllegalArgumentException.class,
                () -> Resampler.resample(IMAGE, GRID, new double[12], Interpolation.LINEAR, 0f));
        double[] nan = Affines.identity();
        nan[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(IMAGE, GRID, nan, Interpolation.LINEAR, 0f));
    }
}
