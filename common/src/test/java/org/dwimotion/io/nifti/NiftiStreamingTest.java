package org.dwimotion.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.dwimotion.image.ImageGeometry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Volume-major streaming and voxel-major chunks agree with the whole-image read. */
class NiftiStreamingTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"s.nii", "s.nii.gz"})
    void volumesAndChunksMatchTheWholeImage(String name) throws IOException {
        ImageGeometry g = NiftiTestFiles.oblique();
        int nt = 7;
        int nVox = g.numVoxels();
        float[] data = NiftiTestFiles.data(g, nt);
        String loc = dir.resolve(name).toString();
        NiftiWriter.write(loc, g, nt, data, NiftiDataType.FLOAT32);

        try (NiftiVolumeStream s = NiftiReader.openVolumes(loc, NiftiReadOptions.defaults())) {
            float[] vol = new float[nVox];
            while (s.hasNext()) {
                int t = s.nextIndex();
                s.read(vol, 0);
                for (int i = 0; i < nVox; i++) {
                    assertEquals(data[i + nVox * t], vol[i]);
                }
            }
        }
        for (int t : new int[] {0, 3, 6}) {
            float[] expected = new float[nVox];
            System.arraycopy(data, t * nVox, expected, 0, nVox);
            assertArrayEquals(expected, NiftiReader.readVolume(loc, t).data());
        }

        int[][] chunks = {{0, 5, 59, 5}, {17}, {}};
        float[][] got = NiftiReader.readVoxelChunks(loc, chunks);
        for (int c = 0; c < chunks.length; c++) {
            assertEquals(chunks[c].length * nt, got[c].length);
            for (int k = 0; k < chunks[c].length; k++) {
                for (int t = 0; t < nt; t++) {
                    assertEquals(data[chunks[c][k] + nVox * t], got[c][k * nt + t]);
                }
            }
        }
        assertArrayEquals(got[1], NiftiReader.readVoxels(loc, new int[] {17}));
    }
}
