package org.dwimotion.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.gradients.Shell;
import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.registration.transform.RigidTransform;
import org.junit.jupiter.api.Test;

/** Analytic cases: identical transforms, a common offset, known per-volume perturbations. */
class MotionEvaluationTest {
    private static final double[] CENTRE = {0, 0, 0};
    /** 12×14×10 at 2 mm, field of view centred on the origin. */
    private static final ImageGeometry GRID = new ImageGeometry(12, 14, 10,
            new double[] {2, 0, 0, -11, 0, 2, 0, -13, 0, 0, 2, -9, 0, 0, 0, 1});

    /** 2 b=0 (volumes 0 and 5) + b=1000 ×4 + b=2000 ×4: 10 volumes. */
    private static final double[] BVALS = {0, 1000, 2000, 1000, 2000, 0, 1000, 2000, 1000, 2000};

    private static List<Shell> classes() {
        double[] bvecs = new double[3 * BVALS.length];
        for (int v = 0; v < BVALS.length; v++) {
            bvecs[3 * v + v % 3] = BVALS[v] > 0 ? 1 : 0;
        }
        return GradientTable.of(BVALS, bvecs).shells();
    }

    /** Volume 0 the identity, the others moved by up to ~3 mm / 3°. */
    private static double[] truth() {
        double[] t = new double[16 * BVALS.length];
        for (int v = 0; v < BVALS.length; v++) {
            double s = v == 0 ? 0 : Math.sin(v);
            double[] p = {1.5 * s, -2.0 * s, 0.7 * v / 10.0, 0.03 * s, -0.02 * s, 0.05 * Math.cos(v) * (v == 0 ? 0 : 1)};
            System.arraycopy(new RigidTransform(CENTRE, p).toMatrix(), 0, t, 16 * v, 16);
        }
        System.arraycopy(Affines.identity(), 0, t, 0, 16);
        return t;
    }

    private static Image3D ellipsoidMask() {
        float[] m = new float[GRID.numVoxels()];
        double[] w = new double[3];
        for (int k = 0, i = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int x = 0; x < GRID.nx(); x++, i++) {
                    GRID.indexToWorld(x, j, k, w);
                    m[i] = (w[0] * w[0] / 100 + w[1] * w[1] / 144 + w[2] * w[2] / 64) <= 1 ? 1 : 0;
                }
            }
        }
        return new Image3D(GRID, m);
    }

    private static MotionEvaluation evaluation(OffsetRemoval o) {
        return new MotionEvaluation(GRID, ellipsoidMask(), CENTRE, o);
    }

    private static double[] composeEach(double[] transforms, double[] right) {
        double[] out = transforms.clone();
        for (int v = 0; v < transforms.length / 16; v++) {
            double[] t = java.util.Arrays.copyOfRange(transforms, 16 * v, 16 * v + 16);
            System.arraycopy(Affines.multiply(t, right, null), 0, out, 16 * v, 16);
        }
        return out;
    }

    @Test
    void truthAgainstItselfIsZeroInEveryMode() {
        for (OffsetRemoval o : OffsetRemoval.values()) {
            EvaluationResult r = evaluation(o).evaluate(truth(), truth(), classes(), BVALS);
            assertEquals(0, r.referenceVolume());
            for (VolumeError v : r.volumes()) {
                assertEquals(0, v.maxMm(), 1e-9, o + " volume " + v.volume());
                assertEquals(0, v.translationMm(), 1e-9);
                assertEquals(0, v.rotationDeg(), 1e-5); // acos near 1: ~sqrt(rounding)
            }
            assertEquals(List.of("b0", "b1000", "b2000", "all"), r.classes().stream().map(ClassSummary::name).toList());
            assertEquals(1, r.summary("b0").volumes()); // the reference volume is left out
            assertEquals(4, r.summary("b1000").volumes());
            assertEquals(9, r.summary("all").volumes());
        }
    }

    @Test
    void aCommonOffsetIsRemoved() {
        // the estimate's reference space is the truth's moved by C: T_est = T_true · C⁻¹
        double[] c = new RigidTransform(CENTRE, new double[] {1.2, -0.8, 2.0, 0.04, -0.03, 0.06}).toMatrix();
        double[] estimate = composeEach(truth(), Affines.invert(c));
        for (OffsetRemoval o : new OffsetRemoval[] {OffsetRemoval.MEDIAN, OffsetRemoval.REFERENCE}) {
            EvaluationResult r = evaluation(o).evaluate(truth(), estimate, classes(), BVALS);
            for (int q = 0; q < 16; q++) {
                assertEquals(c[q], r.offsetMatrix()[q], 1e-9, o + " offset element " + q);
            }
            for (VolumeError v : r.volumes()) {
                assertEquals(0, v.maxMm(), 1e-9, o + " volume " + v.volume());
            }
        }
        EvaluationResult none = evaluation(OffsetRemoval.NONE).evaluate(truth(), estimate, classes(), BVALS);
        assertTrue(none.summary("all").medianMm() > 2, "without offset removal the offset is the error");
    }

    @Test
    void knownPerVolumePerturbationsGiveTheirDisplacements() {
        // volumes 1, 2, 7 (a minority: the median offset stays the identity) shifted by 0.1, 0.2, 0.5 mm in the
        // reference frame; a shift s gives |T(x + s) − T(x)| = |R s| = |s| at every voxel
        double[] estimate = truth();
        double[][] shifts = {{1, 0.1, 0, 0}, {2, 0, 0.2, 0}, {7, 0.3, 0, -0.4}};
        for (double[] s : shifts) {
            int v = (int) s[0];
            double[] t = java.util.Arrays.copyOfRange(estimate, 16 * v, 16 * v + 16);
            double[] shift = Affines.identity();
            shift[3] = s[1];
            shift[7] = s[2];
            shift[11] = s[3];
            System.arraycopy(Affines.multiply(t, shift, null), 0, estimate, 16 * v, 16);
        }
        // volume 3: a 1° rotation about the z axis through the centre, in the reference frame
        double theta = Math.toRadians(1);
        double[] rot = new RigidTransform(CENTRE, new double[] {0, 0, 0, 0, 0, theta}).toMatrix();
        double[] t3 = java.util.Arrays.copyOfRange(estimate, 48, 64);
        System.arraycopy(Affines.multiply(t3, rot, null), 0, estimate, 48, 16);

        EvaluationResult r = evaluation(OffsetRemoval.MEDIAN).evaluate(truth(), estimate, classes(), BVALS);
        assertEquals(0.1, r.volumes().get(1).meanMm(), 1e-9);
        assertEquals(0.1, r.volumes().get(1).maxMm(), 1e-9);
        assertEquals(0.1, r.volumes().get(1).translationMm(), 1e-9);
        assertEquals(0.2, r.volumes().get(2).meanMm(), 1e-9);
        assertEquals(0.5, r.volumes().get(7).meanMm(), 1e-9);
        assertEquals(0.5, r.volumes().get(7).translationMm(), 1e-9);
        assertEquals(0, r.volumes().get(7).rotationDeg(), 1e-5);
        // the rotation: |displacement| = 2 sin(θ/2) · distance from the z axis, mean over the mask
        Image3D mask = ellipsoidMask();
        double sum = 0;
        int count = 0;
        double[] w = new double[3];
        for (int k = 0, i = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int x = 0; x < GRID.nx(); x++, i++) {
                    if (mask.data()[i] != 0) {
                        GRID.indexToWorld(x, j, k, w);
                        sum += 2 * Math.sin(theta / 2) * Math.hypot(w[0], w[1]);
                        count++;
                    }
                }
            }
        }
        assertEquals(sum / count, r.volumes().get(3).meanMm(), 1e-9);
        assertEquals(1.0, r.volumes().get(3).rotationDeg(), 1e-9);
        assertEquals(0, r.volumes().get(3).translationMm(), 1e-9);
        assertEquals(count, r.maskVoxels());

        // b1000 = volumes 1, 3, 6, 8 → errors 0.1, rot, 0, 0
        double rotMean = sum / count;
        ClassSummary b1000 = r.summary("b1000");
        double[] e = {0, 0, 0.1, rotMean};
        java.util.Arrays.sort(e);
        assertEquals(0.5 * (e[1] + e[2]), b1000.medianMm(), 1e-9);
        assertEquals(e[2] + 0.85 * (e[3] - e[2]), b1000.p95Mm(), 1e-9); // position 0.95·3 = 2.85
        assertEquals(e[3], b1000.maxMm(), 1e-9);
        // b2000 = volumes 2, 4, 7, 9 → 0.2, 0, 0.5, 0
        ClassSummary b2000 = r.summary("b2000");
        assertEquals(0.1, b2000.medianMm(), 1e-9);
        assertEquals(0.5, b2000.maxMm(), 1e-9);
        assertEquals(0.1, b2000.medianTranslationMm(), 1e-9);
        // b0: volume 5 only (volume 0 is the reference)
        assertEquals(0, r.summary("b0").maxMm(), 1e-9);
    }

    @Test
    void mismatchedInputsAreRefused() {
        MotionEvaluation e = evaluation(OffsetRemoval.MEDIAN);
        double[] t = truth();
        assertThrows(IllegalArgumentException.class,
                () -> e.evaluate(t, java.util.Arrays.copyOf(t, t.length - 16), classes(), BVALS));
        double[] bad = t.clone();
        bad[20] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> e.evaluate(t, bad, classes(), BVALS));
        assertThrows(IllegalArgumentException.class,
                () -> e.evaluate(t, t, classes(), java.util.Arrays.copyOf(BVALS, 9)));
    }
}
