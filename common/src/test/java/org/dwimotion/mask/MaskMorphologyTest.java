package org.dwimotion.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** MaskMorphology.dilate6 against its definition: a voxel is in after a step when it or a 6-neighbour was in. */
class MaskMorphologyTest {
    @Test
    void dilationEqualsTheNeighbourDefinition() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int[] n : new int[][] {{9, 7, 5}, {1, 6, 4}, {5, 1, 3}, {4, 3, 1}, {2, 2, 2}, {1, 1, 1}, {17, 3, 8}}) {
            byte[] mask = new byte[n[0] * n[1] * n[2]];
            for (int v = 0; v < mask.length; v++) {
                mask[v] = (byte) (rnd.nextInt(12) == 0 ? rnd.nextInt(1, 5) : 0);
            }
            for (int steps = 0; steps <= 3; steps++) {
                assertArrayEquals(plainDilate(mask, n, steps), MaskMorphology.dilate6(mask, n[0], n[1], n[2], steps),
                        Arrays.toString(n) + " steps " + steps);
            }
        }
    }

    private static byte[] plainDilate(byte[] mask, int[] n, int steps) {
        byte[] cur = new byte[mask.length];
        for (int v = 0; v < mask.length; v++) {
            cur[v] = (byte) (mask[v] != 0 ? 1 : 0);
        }
        int[][] offsets = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (int s = 0; s < steps; s++) {
            byte[] next = cur.clone();
            for (int z = 0; z < n[2]; z++) {
                for (int y = 0; y < n[1]; y++) {
                    for (int x = 0; x < n[0]; x++) {
                        for (int[] o : offsets) {
                            int a = x + o[0], b = y + o[1], c = z + o[2];
                            if (a >= 0 && a < n[0] && b >= 0 && b < n[1] && c >= 0 && c < n[2]
                                    && cur[a + n[0] * (b + n[1] * c)] != 0) {
                                next[x + n[0] * (y + n[1] * z)] = 1;
                            }
                        }
                    }
                }
            }
            cur = next;
        }
        return cur;
    }
}
