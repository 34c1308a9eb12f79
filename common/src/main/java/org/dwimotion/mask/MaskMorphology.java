package org.dwimotion.mask;

/**
 * Binary morphology on masks stored x-fastest ({@code i = x + nx·(y + ny·z)}), voxel indices only. One copy shared
 * by the prediction margin (pipeline) and the background of the noise floor model (registration).
 */
public final class MaskMorphology {
    private MaskMorphology() {
    }

    /**
     * Dilates with the 6-neighbourhood, {@code steps} times.
     *
     * @param mask x-fastest, nonzero = inside. Not modified.
     * @return a new mask (1/0)
     */
    public static byte[] dilate6(byte[] mask, int nx, int ny, int nz, int steps) {
        byte[] cur = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            cur[i] = (byte) (mask[i] != 0 ? 1 : 0);
        }
        byte[] next = new byte[mask.length];
        int plane = nx * ny;
        for (int s = 0; s < steps; s++) {
            for (int z = 0, i = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++, i++) {
                        next[i] = (byte) (cur[i] != 0
                                || (x > 0 && cur[i - 1] != 0) || (x < nx - 1 && cur[i + 1] != 0)
                                || (y > 0 && cur[i - nx] != 0) || (y < ny - 1 && cur[i + nx] != 0)
                                || (z > 0 && cur[i - plane] != 0) || (z < nz - 1 && cur[i + plane] != 0) ? 1 : 0);
                    }
                }
            }
            byte[] t = cur;
            cur = next;
            next = t;
        }
        return cur;
    }

}
