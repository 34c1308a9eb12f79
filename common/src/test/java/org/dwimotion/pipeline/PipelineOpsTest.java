package org.dwimotion.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Affines;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.registration.transform.RigidTransform;
import org.junit.jupiter.api.Test;

/** Unit tests of the pure stage functions of the run job (analytic truths). */
class PipelineOpsTest {

    @Test
    void volumeBlocksCoverEveryVolumeOnceInOrder() {
        int[] s = VolumeBlocks.starts(10, 3);
        assertArrayEquals(new int[] {0, 3, 6, 10}, s);
        assertArrayEquals(new int[] {0, 5}, VolumeBlocks.starts(5, 0));
        assertArrayEquals(new int[] {0, 1, 2}, VolumeBlocks.starts(2, 8));
        for (int v = 0; v < 10; v++) {
            int b = VolumeBlocks.blockOf(s, v);
            assertTrue(s[b] <= v && v < s[b + 1]);
        }
        assertEquals(4, VolumeBlocks.count(100, 1000, 25_000, 2)); // 25 volumes per block by memory
        assertEquals(8, VolumeBlocks.count(100, 10, 1 << 20, 8)); // parallelism wins
        // 3 blocks by memory on 2 cores: 4, so that no block runs alone at the end
        assertEquals(4, VolumeBlocks.count(66, 640_000, 1 << 24, 2));
        assertEquals(3, VolumeBlocks.count(66, 640_000, 1 << 24, 1));
        assertEquals(3, VolumeBlocks.count(3, 640_000, 1 << 20, 2)); // never more blocks than volumes
    }

    @Test
    void b0VolumesAreRegisteredRigidEvenInAffineMode() {
        assertEquals(TransformType.RIGID, IterationSpec.transformTypeFor(TransformType.AFFINE, 0, 50));
        assertEquals(TransformType.RIGID, IterationSpec.transformTypeFor(TransformType.AFFINE, 50, 50));
        assertEquals(TransformType.EDDY, IterationSpec.transformTypeFor(TransformType.AFFINE, 1000, 50));
        assertEquals(TransformType.RIGID, IterationSpec.transformTypeFor(TransformType.RIGID, 1000, 50));
        double[] id = Affines.identity();
        IterationSpec spec = new IterationSpec("dwi.nii.gz", new int[] {2, 2, 2, 2}, id, new int[] {0}, new int[] {0},
                1, 0, 0, new double[] {0, 1000}, new double[] {0, 0, 0, 1, 0, 0}, 50, new double[32], false,
                TransformType.AFFINE.ordinal(), 7, new double[] {1, 0, 0}, IterationSpec.allVolumes(2));
        assertEquals(TransformType.RIGID, spec.registrationSettings(0).transformType());
        assertEquals(TransformType.EDDY, spec.registrationSettings(1).transformType());
        assertEquals(7, spec.registrationSettings(1).seed());
        assertArrayEquals(new double[] {1, 0, 0}, spec.registrationSettings(1).phaseEncodingDirection(), 0.0);
    }

    @Test
    void reReferencingMakesTheReferenceTheIdentityAndKeepsRelativeMotion() {
        double[] c = {0, 0, 0};
        double[] t = new double[32];
        double[] a = new RigidTransform(c, new double[] {1, 0, 0, 0, 0, 0.1}).toMatrix();
        double[] b = new RigidTransform(c, new double[] {0, 2, 0, 0.05, 0, 0}).toMatrix();
        System.arraycopy(a, 0, t, 0, 16);
        System.arraycopy(b, 0, t, 16, 16);
        double[] r = TransformSet.relativeTo(t, 0);
        assertArrayEquals(Affines.identity(), TransformSet.get(r, 0));
        double[] expected = Affines.multiply(b, Affines.invert(a), null);
        assertArrayEquals(expected, TransformSet.get(r, 1), 1e-12);
    }

    @Test
    void clampingKeepsPredictionsWithinTheOtherVolumesRange() {
        float[] signals = {100, 50, 20, /* voxel 2 */ 0, 0, 0};
        float[] pred = {1e16f, -3, Float.NaN, 5, 0, Float.POSITIVE_INFINITY};
        long changed = FitPredictOps.clampToOtherVolumesRange(signals, pred, 2, 3, new int[] {0, 1, 2});
        // volume 0 is the brightest: its prediction is bounded by the others' maximum (50), never by its own signal
        assertArrayEquals(new float[] {50, 0, 0, 0, 0, 0}, pred);
        assertEquals(5, changed);
    }

    @Test
    void clampingNeverLetsTheHeldOutSignalIntoItsOwnPrediction() {
        float[] signals = {10, 900, 20, 30};
        float[] pred = {1e9f, 1e9f};
        FitPredictOps.clampToOtherVolumesRange(signals, pred, 1, 4, new int[] {1, 3});
        assertArrayEquals(new float[] {30, 900}, pred);
    }

    @Test
    void dilationGrowsBySixNeighbours() {
        byte[] m = new byte[27];
        m[13] = 1; // centre of 3x3x3
        byte[] d = MaskDilation.dilate6(m, 3, 3, 3, 1);
        assertEquals(7, MaskDilation.indices(d).length);
        assertEquals(27, MaskDilation.indices(MaskDilation.dilate6(m, 3, 3, 3, 3)).length);
    }

    @Test
    void predictionAssemblyNeedsEveryChunkOnce() {
        ChunkPlan plan = new ChunkPlan(new int[] {1, 3, 4}, 2);
        float[] vol = PredictionAssembly.assemble(List.of(new ChunkPrediction(1, new float[] {9}),
                new ChunkPrediction(0, new float[] {7, 8})), plan, 6);
        assertArrayEquals(new float[] {0, 7, 0, 8, 9, 0}, vol);
        assertThrows(IllegalStateException.class, () -> PredictionAssembly.assemble(
                List.of(new ChunkPrediction(0, new float[] {7, 8})), plan, 6));
    }

    @Test
    void autoModelIsDkiForTwoShellsElseDti() {
        double[] g2 = {0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0.6, 0.8, 0, 0, 0.6, 0.8, 0.8, 0, 0.6,
                1, 0, 0, 0, 1, 0, 0, 0, 1, 0.6, 0.8, 0, 0, 0.6, 0.8, 0.8, 0, 0.6};
        double[] twoShells = {0, 0, 1000, 1000, 1000, 1000, 1000, 1000, 2000, 2000, 2000, 2000, 2000, 2000};
        assertEquals(LovoModelType.DKI, ModelChoice.resolve("auto", GradientTable.of(twoShells, g2)));
        double[] oneShell = twoShells.clone();
        for (int i = 8; i < 14; i++) {
            oneShell[i] = 1000;
        }
        assertEquals(LovoModelType.DTI, ModelChoice.resolve("AUTO", GradientTable.of(oneShell, g2)));
        assertEquals(LovoModelType.B0, ModelChoice.resolve("b0", GradientTable.of(oneShell, g2)));
        assertThrows(IllegalArgumentException.class, () -> ModelChoice.resolve("tensor", GradientTable.of(oneShell, g2)));
    }

    @Test
    void dkiRunsWarmUpWithDtiUntilTheLastIteration() {
        assertEquals(LovoModelType.DTI, ModelSchedule.forIteration(LovoModelType.DKI, 1, 3));
        assertEquals(LovoModelType.DTI, ModelSchedule.forIteration(LovoModelType.DKI, 2, 3));
        assertEquals(LovoModelType.DKI, ModelSchedule.forIteration(LovoModelType.DKI, 3, 3));
        assertEquals(LovoModelType.DKI, ModelSchedule.forIteration(LovoModelType.DKI, 1, 1));
        for (LovoModelType m : new LovoModelType[] {LovoModelType.DTI, LovoModelType.B0, LovoModelType.AVGDWI}) {
            assertEquals(m, ModelSchedule.forIteration(m, 1, 2));
            assertEquals(m, ModelSchedule.forIteration(m, 2, 2));
        }
        assertThrows(IllegalArgumentException.class, () -> ModelSchedule.forIteration(LovoModelType.DKI, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> ModelSchedule.forIteration(LovoModelType.DKI, 0, 2));
    }

    @Test
    void progressLineEstimatesTheRest() {
        assertEquals("[register] volumes registered 10/40, 2.0 s elapsed, ~6.0 s left",
                ProgressLine.format("register", 10, 40, "volumes registered", 2.0));
        assertTrue(ProgressLine.format("x", 40, 40, "v", 1).endsWith("done"));
    }
}
