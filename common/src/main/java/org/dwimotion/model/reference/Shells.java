package org.dwimotion.model.reference;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Groups volumes into shells: shell 0 holds the b=0 volumes (b ≤ threshold); the diffusion-weighted volumes,
 * sorted by b, start a new shell whenever b exceeds the previous sorted value by more than the tolerance
 * (single linkage), numbered 1, 2, ... by increasing b.
 */
public final class Shells {
    private Shells() {
    }

    /**
     * @param bvals       b-values (s/mm²), length N. Not modified.
     * @param b0Threshold b=0 threshold (s/mm²)
     * @param tolerance   largest gap between consecutive sorted b-values of one shell (s/mm²)
     * @return shell index per volume, length N
     */
    public static int[] assign(double[] bvals, double b0Threshold, double tolerance) {
        int[] shell = new int[bvals.length];
        Integer[] dw = IntStream.range(0, bvals.length).filter(v -> bvals[v] > b0Threshold).boxed()
                .sorted(Comparator.comparingDouble(v -> bvals[v])).toArray(Integer[]::new);
        int current = 0;
        double previous = Double.NaN;
        for (int v : dw) {
            if (current == 0 || bvals[v] - previous > tolerance) {
                current++;
            }
            shell[v] = current;
            previous = bvals[v];
        }
        return shell;
    }

    /** The members of each shell, in series order: {@code members[s]} for shell s. */
    static int[][] members(int[] shell) {
        int nShells = Arrays.stream(shell).max().orElse(0) + 1;
        int[][] out = new int[nShells][];
        for (int s = 0; s < nShells; s++) {
            final int fs = s;
            out[s] = IntStream.range(0, shell.length).filter(v -> shell[v] == fs).toArray();
        }
        return out;
    }
}
