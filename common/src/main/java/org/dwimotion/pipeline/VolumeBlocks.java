package org.dwimotion.pipeline;

/**
 * Cuts N volumes into consecutive blocks [start(b), start(b+1)): the unit of one streaming pass (ingest,
 * registration, output resampling). Depends only on N and the block count, so it is the same on every
 * machine; results never depend on it (each volume is processed on its own).
 */
public final class VolumeBlocks {
    private VolumeBlocks() {
    }

    /**
     * @param nVolumes N ≥ 1
     * @param blocks   wanted number of blocks (clamped to [1, N])
     * @return block starts, length blocks + 1, {@code starts[0] = 0}, {@code starts[blocks] = N}, sizes differing by at most one
     */
    public static int[] starts(int nVolumes, int blocks) {
        if (nVolumes < 1) {
            throw new IllegalArgumentException("need at least one volume, got " + nVolumes);
        }
        int b = Math.max(1, Math.min(blocks, nVolumes));
        int[] s = new int[b + 1];
        for (int i = 0; i <= b; i++) {
            s[i] = (int) ((long) nVolumes * i / b);
        }
        return s;
    }

    /**
     * How many blocks to cut N volumes into so that a task holds at most {@code budgetValues} floats of
     * {@code valuesPerVolume} each, and there are at least {@code minBlocks} (the parallelism) when N allows,
     * rounded up to a multiple of {@code minBlocks} (when N allows): with 3 blocks on 2 cores the third ran alone,
     * so the stage took 2 block-times where 4 blocks take 2 half-block-times (ingest of a 120×144×120 × 66 series
     * scaled 1.32× from 1 to 2 cores).
     */
    public static int count(int nVolumes, long valuesPerVolume, long budgetValues, int minBlocks) {
        long perBlock = Math.max(1, budgetValues / Math.max(1, valuesPerVolume));
        long byMemory = (nVolumes + perBlock - 1) / perBlock;
        long cores = Math.max(1, minBlocks);
        long blocks = (Math.max(byMemory, cores) + cores - 1) / cores * cores;
        return (int) Math.max(1, Math.min(nVolumes, blocks));
    }

    /** The block holding volume v. */
    public static int blockOf(int[] starts, int v) {
        int lo = 0, hi = starts.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= v) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
