package org.dwimotion.pipeline;

/**
 * Voxel-wise means of a series' volumes by class (e.g. the b=0 volumes, each shell), accumulated one volume at a
 * time: one double accumulator per class. Summed in the order the volumes are added, in double precision, so the
 * means do not depend on how the volumes were produced (partitioning) as long as they are added in volume order.
 * Not thread-safe.
 */
public final class ClassMeans {
    private final int[] classOf;
    private final double[][] sums;
    private final int[] counts;

    /**
     * @param classOf   per volume its class in {@code [0, classes)}, or −1 for volumes not averaged. Not modified.
     * @param classes   number of classes
     * @param numVoxels voxels per volume
     */
    public ClassMeans(int[] classOf, int classes, int numVoxels) {
        this.classOf = classOf.clone();
        this.sums = new double[classes][];
        this.counts = new int[classes];
        for (int c : classOf) {
            if (c >= classes) {
                throw new IllegalArgumentException("class " + c + " out of range (" + classes + " classes)");
            }
            if (c >= 0 && sums[c] == null) {
                sums[c] = new double[numVoxels];
            }
        }
    }

    /** The volumes averaged (class ≥ 0), ascending. */
    public int[] volumes() {
        return java.util.stream.IntStream.range(0, classOf.length).filter(v -> classOf[v] >= 0).toArray();
    }

    /** Adds volume {@code v}'s data (ignored when v is not averaged). Not modified. */
    public void add(int v, float[] data) {
        int c = classOf[v];
        if (c < 0) {
            return;
        }
        double[] s = sums[c];
        if (data.length != s.length) {
            throw new IllegalArgumentException("volume " + v + ": " + data.length + " voxels, expected " + s.length);
        }
        for (int i = 0; i < s.length; i++) {
            s[i] += data[i];
        }
        counts[c]++;
    }

    /** Volumes added to class c so far. */
    public int count(int c) {
        return counts[c];
    }

    /** The mean of class c (a new array, float), or null when it has no volume. */
    public float[] mean(int c) {
        return pooledMean(c);
    }

    /**
     * The mean of the volumes of all the classes given, as if they were one class (a new array, float), or null
     * when they have no volume. The classes' double sums are added in the order given, so the result is as
     * reproducible as the sums (e.g. a shell's mean from its two half-shell classes, without a second pass).
     */
    public float[] pooledMean(int... classes) {
        int n = 0;
        for (int c : classes) {
            n += counts[c];
        }
        if (n == 0) {
            return null;
        }
        double[] total = null;
        for (int c : classes) {
            if (counts[c] == 0) {
                continue;
            }
            if (total == null) {
                total = sums[c].clone();
            } else {
                double[] s = sums[c];
                for (int i = 0; i < s.length; i++) {
                    total[i] += s[i];
                }
            }
        }
        float[] out = new float[total.length];
        for (int i = 0; i < total.length; i++) {
            out[i] = (float) (total[i] / n);
        }
        return out;
    }
}
