package org.dwimotion.image;

/**
 * Orientation codes of a voxel grid ("RAS", "LAS", "PLS", ...): for each voxel axis i, j, k, the
 * world RAS+ direction it points to most closely (R/L, A/P, S/I), each world axis used once, as
 * nibabel's {@code aff2axcodes} reports them.
 */
public final class AxisCodes {
    private static final char[] POSITIVE = {'R', 'A', 'S'};
    private static final char[] NEGATIVE = {'L', 'P', 'I'};

    private AxisCodes() {
    }

    /**
     * @param voxelToWorld 4×4 row-major affine. Not modified.
     * @return three letters, voxel axes in order
     */
    public static String of(double[] voxelToWorld) {
        double[] m = Rotations.linearPart(voxelToWorld);
        // compare directions, not voxel sizes
        for (int c = 0; c < 3; c++) {
            double n = Math.sqrt(m[c] * m[c] + m[3 + c] * m[3 + c] + m[6 + c] * m[6 + c]);
            for (int r = 0; r < 3; r++) {
                m[3 * r + c] = n > 0 ? m[3 * r + c] / n : 0;
            }
        }
        char[] codes = new char[3];
        boolean[] rowUsed = new boolean[3];
        boolean[] colUsed = new boolean[3];
        // greedy: the strongest remaining (world axis, voxel axis) loading first
        for (int step = 0; step < 3; step++) {
            int bestR = -1, bestC = -1;
            double best = -1;
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    if (!rowUsed[r] && !colUsed[c] && Math.abs(m[3 * r + c]) > best) {
                        best = Math.abs(m[3 * r + c]);
                        bestR = r;
                        bestC = c;
                    }
                }
            }
            rowUsed[bestR] = true;
            colUsed[bestC] = true;
            codes[bestC] = m[3 * bestR + bestC] >= 0 ? POSITIVE[bestR] : NEGATIVE[bestR];
        }
        return new String(codes);
    }
}
