package org.dwimotion.pipeline;

import org.dwimotion.image.Affines;

/**
 * Arithmetic on the per-volume transforms of a series: N 4×4 row-major fixed → moving matrices, world RAS mm.
 */
public final class TransformSet {
    private TransformSet() {
    }

    /** N identities, flattened N×16. */
    public static double[] identities(int n) {
        double[] out = new double[16 * n];
        double[] id = Affines.identity();
        for (int v = 0; v < n; v++) {
            System.arraycopy(id, 0, out, 16 * v, 16);
        }
        return out;
    }

    /**
     * Re-expresses the transforms relative to volume {@code ref}: {@code T'_v = T_v · T_ref⁻¹}, so that
     * {@code T'_ref} is the identity and the reference space becomes the position of volume {@code ref}
     * (the LOVO model frame is otherwise the series' average head position).
     *
     * @param transforms N×16 flattened. Not modified.
     * @return a new N×16 array; entry {@code ref} is exactly the identity
     */
    public static double[] relativeTo(double[] transforms, int ref) {
        int n = transforms.length / 16;
        double[] inv = Affines.invert(get(transforms, ref));
        double[] out = new double[transforms.length];
        for (int v = 0; v < n; v++) {
            double[] t = v == ref ? Affines.identity() : Affines.multiply(get(transforms, v), inv, null);
            t[12] = 0;
            t[13] = 0;
            t[14] = 0;
            t[15] = 1;
            System.arraycopy(t, 0, out, 16 * v, 16);
        }
        return out;
    }

    /** Volume v's matrix (a copy). */
    public static double[] get(double[] transforms, int v) {
        double[] t = new double[16];
        System.arraycopy(transforms, 16 * v, t, 0, 16);
        return t;
    }

    /** As a per-volume array of copies (for {@code GradientTable.reoriented}). */
    public static double[][] split(double[] transforms) {
        double[][] out = new double[transforms.length / 16][];
        for (int v = 0; v < out.length; v++) {
            out[v] = get(transforms, v);
        }
        return out;
    }
}
