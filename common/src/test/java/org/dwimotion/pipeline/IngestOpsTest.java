package org.dwimotion.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Random;
import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiReadOptions;
import org.dwimotion.io.nifti.NiftiVolumeStream;
import org.dwimotion.io.nifti.NiftiWriter;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.registration.transform.RigidTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IngestOps.readBlock: the pieces hold, bit for bit, each volume resampled over the whole grid
 * ({@link ReferenceResampling#toReference}) at the plan's voxels, although only those voxels are interpolated;
 * a spec over some of the series' volumes reads those.
 */
class IngestOpsTest {
    @TempDir
    Path dir;

    @Test
    void alignedPiecesEqualTheWholeGridResamplingAtThePlansVoxels() throws Exception {
        ImageGeometry grid = ImageGeometry.ofSpacing(9, 8, 7, 2, 2, 2.5);
        int n = 3;
        float[] data = new float[grid.numVoxels() * n];
        Random r = new Random(5);
        for (int i = 0; i < data.length; i++) {
            data[i] = 100 + 50 * r.nextFloat();
        }
        String location = dir.resolve("dwi.nii").toString();
        NiftiWriter.write(location, grid, n, data, NiftiDataType.FLOAT32);
        int[] region = {0, 5, 40, 41, 42, 77, 200, 300, 301, grid.numVoxels() - 1};
        double[] transforms = TransformSet.identities(n);
        double[] c = grid.fieldOfViewCentre();
        System.arraycopy(new RigidTransform(c, new double[] {0.7, -1.1, 0.4, 0.03, -0.02, 0.05}).toMatrix(), 0,
                transforms, 16, 16);
        System.arraycopy(new RigidTransform(c, new double[] {-0.3, 0.2, 1.5, -0.04, 0.01, 0.0}).toMatrix(), 0,
                transforms, 32, 16);
        IterationSpec spec = new IterationSpec(location, new int[] {grid.nx(), grid.ny(), grid.nz(), n},
                grid.voxelToWorld(), region, region, 4, 0, 0, new double[] {0, 1000, 1000},
                new double[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, 50, transforms, true, TransformType.RIGID.ordinal(), 0,
                new double[] {0, 1, 0}, IterationSpec.allVolumes(n));
        ChunkPlan plan = spec.plan();
        float[][] pieces;
        try (NiftiVolumeStream stream = NiftiVolumeStream.open(location, NiftiReadOptions.defaults())) {
            pieces = IngestOps.readBlock(stream, spec, 0, n);
        }
        int size = grid.numVoxels();
        for (int t = 0; t < n; t++) {
            float[] volume = java.util.Arrays.copyOfRange(data, t * size, (t + 1) * size);
            float[] whole = ReferenceResampling.toReference(volume, grid, TransformSet.get(transforms, t));
            for (int ch = 0; ch < plan.numChunks(); ch++) {
                for (int p = 0; p < plan.chunkSize(ch); p++) {
                    int voxel = plan.voxelIndex(plan.chunkStart(ch) + p);
                    assertEquals(Float.floatToIntBits(whole[voxel]), Float.floatToIntBits(pieces[ch][p * n + t]),
                            "volume " + t + " voxel " + voxel);
                }
            }
        }
    }

    @Test
    void aSpecOverSomeVolumesReadsThoseSeriesVolumes() throws Exception {
        ImageGeometry grid = ImageGeometry.ofSpacing(5, 4, 3, 2, 2, 2);
        int n = 6;
        int size = grid.numVoxels();
        float[] data = new float[size * n];
        for (int i = 0; i < data.length; i++) {
            data[i] = i; // voxel p of volume t holds t * size + p
        }
        String location = dir.resolve("series.nii").toString();
        NiftiWriter.write(location, grid, n, data, NiftiDataType.FLOAT32);
        int[] seriesVolumes = {1, 2, 5};
        int[] region = {0, 7, 8, 30, size - 1};
        IterationSpec spec = new IterationSpec(location, new int[] {grid.nx(), grid.ny(), grid.nz(), 3},
                grid.voxelToWorld(), region, region, 2, 0, 0, new double[3], new double[9], 50,
                TransformSet.identities(3), false, TransformType.RIGID.ordinal(), 0, new double[] {0, 1, 0},
                seriesVolumes);
        ChunkPlan plan = spec.plan();
        float[][] pieces;
        try (NiftiVolumeStream stream = NiftiVolumeStream.open(location, NiftiReadOptions.defaults())) {
            IngestOps.readBlock(stream, spec, 0, 1);
            pieces = IngestOps.readBlock(stream, spec, 1, 2); // the same stream, on past volume 1
        }
        for (int ch = 0; ch < plan.numChunks(); ch++) {
            for (int p = 0; p < plan.chunkSize(ch); p++) {
                int voxel = plan.voxelIndex(plan.chunkStart(ch) + p);
                assertEquals(2 * size + voxel, pieces[ch][p * 2], "spec volume 1 = series volume 2");
                assertEquals(5 * size + voxel, pieces[ch][p * 2 + 1], "spec volume 2 = series volume 5");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new IterationSpec(location,
                new int[] {grid.nx(), grid.ny(), grid.nz(), 3}, grid.voxelToWorld(), region, region, 2, 0, 0,
                new double[3], new double[9], 50, TransformSet.identities(3), false, 0, 0, new double[] {0, 1, 0},
                new int[] {1, 1, 5}), "series volumes must increase");
        assertFalse(spec.identityVolumeMap());
        assertThrows(IllegalArgumentException.class, () -> spec.requireIdentityVolumeMap("resampling"));
    }
}
