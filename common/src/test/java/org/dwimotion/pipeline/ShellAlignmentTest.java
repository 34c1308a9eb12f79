package org.dwimotion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.motion.DisplacementError;
import org.dwimotion.registration.HeadContrastImages;
import org.dwimotion.registration.method.MutualInformationRegistration;
import org.dwimotion.registration.transform.RigidTransform;
import org.junit.jupiter.api.Test;

/**
 * The shell alignment's bookkeeping and composition order with analytic truth: every volume has a true transform
 * T_v; a shell's estimates carry a common error, {@code T_v·S⁻¹}, so its mean corrected image is the anatomy moved by
 * S; the alignment must give back T_v (S composed on the right).
 */
class ShellAlignmentTest {
    private static final ImageGeometry GRID = HeadContrastImages.accuracyGrid();

    /** b=0 ×2, b=1000 ×6, b=2000 ×3 (too few), b=0, b=3000 ×7 (one at 3040: same shell). */
    private static GradientTable table() {
        double[] bvals = {0, 1000, 1000, 1000, 1000, 1000, 1000, 0, 2000, 2000, 2000, 0, 3000, 3000, 3000, 3000,
                3000, 3000, 3040};
        double[] bvecs = new double[3 * bvals.length];
        for (int v = 0; v < bvals.length; v++) {
            double a = 0.7 * v;
            if (bvals[v] > 0) {
                bvecs[3 * v] = Math.cos(a) * 0.6;
                bvecs[3 * v + 1] = Math.sin(a) * 0.6;
                bvecs[3 * v + 2] = 0.8;
            }
        }
        return GradientTable.of(bvals, bvecs);
    }

    private static double[] rigid(double[] p) {
        return new RigidTransform(GRID.fieldOfViewCentre(), new double[] {p[0], p[1], p[2], Math.toRadians(p[3]),
                Math.toRadians(p[4]), Math.toRadians(p[5])}).toMatrix();
    }

    @Test
    void classesFollowTheShellsAndLeaveSmallShellsOut() {
        int[] c = ShellAlignment.classes(table());
        assertArrayEquals(new int[] {0, 1, 1, 1, 1, 1, 1, 0, -1, -1, -1, 0, 3, 3, 3, 3, 3, 3, 3}, c);
    }

    @Test
    void composesEachShellsOffsetOnTheRightOfItsTransforms() {
        GradientTable table = table();
        int n = table.size();
        // true head motion: large enough (10 mm, 5°) that S·T and T·S differ by far more than the tolerance
        double[] truth = new double[16 * n];
        for (int v = 0; v < n; v++) {
            double s = v % 2 == 0 ? 1 : -1;
            double[] t = rigid(new double[] {10 * s, 0.3 * v, -2, 5 * s, 0.2 * v, -3});
            System.arraycopy(t, 0, truth, 16 * v, 16);
        }
        double[] s1 = rigid(new double[] {0.4, -0.3, 0.2, 0.1, -0.2, -0.6});
        double[] s3 = rigid(new double[] {-0.2, 0.5, -0.4, -0.3, 0.2, 0.5});
        int[] cls = ShellAlignment.classes(table);
        double[] estimates = truth.clone();
        for (int v = 0; v < n; v++) {
            double[] s = cls[v] == 1 ? s1 : cls[v] == 3 ? s3 : null;
            if (s != null) {
                double[] e = Affines.multiply(TransformSet.get(truth, v), Affines.invert(s), null);
                System.arraycopy(e, 0, estimates, 16 * v, 16);
            }
        }
        // the halves' offsets scatter about S by ±0.05 mm / ±0.05°: a real offset of 0.5-1 mm is far above that
        double[] jitter = rigid(new double[] {0.05, 0, 0, 0, 0, 0.05});
        ShellAlignment.ShellMeans[] shells = new ShellAlignment.ShellMeans[4];
        shells[1] = new ShellAlignment.ShellMeans(HeadContrastImages.image(GRID, 1000, s1),
                HeadContrastImages.image(GRID, 1000, Affines.multiply(s1, jitter, null)),
                HeadContrastImages.image(GRID, 1000, Affines.multiply(s1, Affines.invert(jitter), null)));
        shells[3] = new ShellAlignment.ShellMeans(HeadContrastImages.image(GRID, 3000, s3), null, null);
        Image3D brain = HeadContrastImages.brainMask(GRID);
        ShellAlignment.Result r = ShellAlignment.align(estimates, table, HeadContrastImages.image(GRID, 0, null),
                shells, brain, gated());

        assertEquals(2, r.offsets().size());
        ShellAlignment.ShellOffset o1 = r.offsets().get(0), o3 = r.offsets().get(1);
        assertEquals(1, o1.shell());
        assertEquals(6, o1.volumes());
        assertEquals(1000, o1.meanB(), 1e-9);
        assertEquals(3, o3.shell());
        assertEquals(7, o3.volumes());
        assertEquals((6 * 3000 + 3040) / 7.0, o3.meanB(), 1e-9);
        assertTrue(o1.applied() && o3.applied());
        assertTrue(o1.significance().significant() && o1.significance().ratio() > 5, "" + o1.significance());
        assertNull(o3.significance());
        assertEquals(Math.toRadians(-0.6), o1.parameters()[5], Math.toRadians(0.05));
        for (int v = 0; v < n; v++) {
            double[] got = TransformSet.get(r.transforms(), v);
            if (cls[v] == 1 || cls[v] == 3) {
                double e = DisplacementError.between(got, TransformSet.get(truth, v), GRID, brain).mean();
                // the registration's own partial-volume bias on this 5.5 mm grid: 0.07 mm
                // (MutualInformationRegistrationTest)
                assertTrue(e <= 0.1, "volume " + v + ": mean error " + e + " mm");
            } else {
                // b=0 volumes and the small shell are left alone, bit for bit
                assertArrayEquals(TransformSet.get(estimates, v), got, 0, "volume " + v);
            }
        }
    }

    @Test
    void anOffsetBeyondTheLimitIsNotApplied() {
        GradientTable table = table();
        double[] estimates = TransformSet.identities(table.size());
        ShellAlignment.ShellMeans[] shells = {null, new ShellAlignment.ShellMeans(
                HeadContrastImages.image(GRID, 1000, rigid(new double[] {0.5, 0, 0, 0, 0, 0})), null, null)};
        ShellAlignment.Settings tight = new ShellAlignment.Settings(2, 0, 0.1, 2, false,
                MutualInformationRegistration.Settings.defaults());
        ShellAlignment.Result r = ShellAlignment.align(estimates, table, HeadContrastImages.image(GRID, 0, null),
                shells, HeadContrastImages.brainMask(GRID), tight);
        assertEquals(1, r.offsets().size());
        assertFalse(r.offsets().get(0).applied());
        assertEquals(0.5, r.offsets().get(0).meanDisplacementMm(), 0.05);
        assertArrayEquals(estimates, r.transforms(), 0);
    }

    /** A b=1000 shell whose mean and halves are the shell-like image shifted along x by the given mm. */
    private static ShellAlignment.ShellMeans shiftedAlongX(double wholeMm, double halfAMm, double halfBMm) {
        return new ShellAlignment.ShellMeans(
                HeadContrastImages.image(GRID, 1000, rigid(new double[] {wholeMm, 0, 0, 0, 0, 0})),
                HeadContrastImages.image(GRID, 1000, rigid(new double[] {halfAMm, 0, 0, 0, 0, 0})),
                HeadContrastImages.image(GRID, 1000, rigid(new double[] {halfBMm, 0, 0, 0, 0, 0})));
    }

    @Test
    void anOffsetSmallerThanItsHalvesDisagreementIsNotApplied() {
        // whole shell 0.2 mm along x, halves +0.5 and -0.1 mm: d = 0.6 mm, noise d/2 = 0.3 mm, 0.2 < 2 × 0.3
        GradientTable table = table();
        double[] estimates = TransformSet.identities(table.size());
        ShellAlignment.ShellMeans[] shells = {null, shiftedAlongX(0.2, 0.5, -0.1)};
        ShellAlignment.Result r = ShellAlignment.align(estimates, table, HeadContrastImages.image(GRID, 0, null),
                shells, HeadContrastImages.brainMask(GRID), gated());
        ShellAlignment.ShellOffset o = r.offsets().get(0);
        assertEquals(0.2, o.meanDisplacementMm(), 0.05);
        assertEquals(0.6, o.significance().disagreementMm(), 0.1);
        assertFalse(o.significance().significant());
        assertFalse(o.applied());
        assertArrayEquals(estimates, r.transforms(), 0);
    }

    @Test
    void withoutTheTestTheHalvesAreIgnored() {
        // k = 0 applies the same 0.2 mm offset the gated test above rejects
        GradientTable table = table();
        double[] estimates = TransformSet.identities(table.size());
        ShellAlignment.ShellMeans[] shells = {null, shiftedAlongX(0.2, 0.5, -0.1)};
        ShellAlignment.Result r = ShellAlignment.align(estimates, table, HeadContrastImages.image(GRID, 0, null),
                shells, HeadContrastImages.brainMask(GRID), ungated());
        assertNull(r.offsets().get(0).significance());
        assertTrue(r.offsets().get(0).applied());
    }

    /** The defaults without the split-half test. */
    private static ShellAlignment.Settings ungated() {
        ShellAlignment.Settings d = ShellAlignment.Settings.defaults();
        return new ShellAlignment.Settings(d.maskDilationVoxels(), d.interiorErosionVoxels(), d.maxOffsetMm(), 0,
                false, d.registration());
    }

    /** The defaults with the split-half test on the whole offset at k = 2. */
    private static ShellAlignment.Settings gated() {
        ShellAlignment.Settings d = ShellAlignment.Settings.defaults();
        return new ShellAlignment.Settings(d.maskDilationVoxels(), d.interiorErosionVoxels(), d.maxOffsetMm(),
                OffsetSignificance.TWO_SIGMA, false, d.registration());
    }

    @Test
    void halfClassesAlternateWithinEachShell() {
        assertArrayEquals(new int[] {0, 1, 2, 1, 2, 1, 2, 0, -1, -1, -1, 0, 5, 6, 5, 6, 5, 6, 5},
                ShellAlignment.halfClasses(table()));
        assertEquals(5, ShellAlignment.halfAClass(3));
    }

    @Test
    void pooledMeanIsTheMeanOverTheClassesVolumes() {
        ClassMeans m = new ClassMeans(new int[] {0, 1, 1, 2}, 3, 1);
        m.add(0, new float[] {1});
        m.add(1, new float[] {2});
        m.add(2, new float[] {4});
        m.add(3, new float[] {9});
        assertArrayEquals(new float[] {5}, m.pooledMean(1, 2), 0);
        assertArrayEquals(new float[] {4}, m.pooledMean(0, 1, 2), 0);
    }

    @Test
    void classMeansAverageInVolumeOrder() {
        ClassMeans m = new ClassMeans(new int[] {0, 1, -1, 1, 0}, 3, 2);
        assertArrayEquals(new int[] {0, 1, 3, 4}, m.volumes());
        m.add(0, new float[] {1, 2});
        m.add(1, new float[] {10, 20});
        m.add(2, new float[] {99, 99});
        m.add(3, new float[] {30, 40});
        m.add(4, new float[] {3, 5});
        assertArrayEquals(new float[] {2, 3.5f}, m.mean(0), 0);
        assertArrayEquals(new float[] {20, 30}, m.mean(1), 0);
        assertEquals(2, m.count(1));
        assertNull(m.mean(2));
    }
}
