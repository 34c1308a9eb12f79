package org.dwimotion.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChunkPlanTest {

    @Test
    void chunksCoverTheMaskInOrder() {
        byte[] mask = new byte[20];
        int[] inside = {1, 2, 5, 7, 8, 9, 13, 19};
        for (int i : inside) {
            mask[i] = 1;
        }
        ChunkPlan plan = ChunkPlan.fromMask(mask, 3);
        assertEquals(8, plan.maskedVoxels());
        assertEquals(3, plan.numChunks());
        assertArrayEquals(new int[] {1, 2, 5}, plan.chunkIndices(0));
        assertArrayEquals(new int[] {7, 8, 9}, plan.chunkIndices(1));
        assertArrayEquals(new int[] {13, 19}, plan.chunkIndices(2));
        assertEquals(2, plan.chunkSize(2));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(new int[] {1, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(new int[] {1}, 0));
    }

    @Test
    void piecesRoundTripThroughChunksAndVolumes() {
        int nVox = 12, nVol = 5;
        byte[] mask = new byte[nVox];
        for (int i = 0; i < nVox; i += 2) {
            mask[i] = 1;
        }
        ChunkPlan plan = ChunkPlan.fromMask(mask, 4);
        float[][] volumes = new float[nVol][nVox];
        for (int t = 0; t < nVol; t++) {
            for (int v = 0; v < nVox; v++) {
                volumes[t][v] = 100 * t + v;
            }
        }
        // two blocks of volumes: [0,3) and [3,5)
        for (int c = 0; c < plan.numChunks(); c++) {
            int k = plan.chunkSize(c);
            float[] chunk = new float[k * nVol];
            int[][] blocks = {{0, 3}, {3, 2}};
            for (int[] b : blocks) {
                float[] piece = new float[k * b[1]];
                for (int col = 0; col < b[1]; col++) {
                    ChunkOps.gatherIntoPiece(volumes[b[0] + col], plan, c, piece, b[1], col);
                }
                ChunkOps.scatterPiece(piece, k, b[1], b[0], chunk, nVol);
            }
            int[] idx = plan.chunkIndices(c);
            for (int p = 0; p < k; p++) {
                for (int t = 0; t < nVol; t++) {
                    assertEquals(100 * t + idx[p], chunk[p * nVol + t]);
                }
            }
            float[] col = new float[k];
            ChunkOps.column(chunk, k, nVol, 4, col);
            float[] back = new float[nVox];
            ChunkOps.scatterToVolume(col, plan, c, back);
            for (int p = 0; p < k; p++) {
                assertEquals(volumes[4][idx[p]], back[idx[p]]);
            }
        }
    }
}
