package org.dwimotion.chunk;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How a series' masked voxels are cut into chunks: chunk {@code c} holds the masked voxels
 * {@code [c*K, min((c+1)*K, M))} of the sorted mask index list, K = {@link #chunkVoxels()}.
 *
 * <p>Voxel indices are linear, x-fastest ({@code i + nx*(j + ny*k)}). Because the list is sorted,
 * a chunk's voxels sit in one contiguous byte range of every volume on disk, which lets a reader
 * fetch a chunk with one read per volume.
 *
 * <p>The plan depends only on the mask and K, never on the number of executors or partitions,
 * so results are identical whatever the cluster looks like.
 */
public final class ChunkPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] maskIndices;
    private final int chunkVoxels;

    /**
     * @param maskIndices strictly increasing linear voxel indices of the mask. Not modified (copied).
     * @param chunkVoxels K, voxels per chunk, &gt; 0
     */
    public ChunkPlan(int[] maskIndices, int chunkVoxels) {
        if (chunkVoxels <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkVoxels);
        }
        for (int i = 1; i < maskIndices.length; i++) {
            if (maskIndices[i] <= maskIndices[i - 1]) {
                throw new IllegalArgumentException("mask indices must be strictly increasing (at position " + i + ")");
            }
        }
        this.maskIndices = maskIndices.clone();
        this.chunkVoxels = chunkVoxels;
    }

    /** Plan from a byte mask (non-zero = inside), x-fastest. */
    public static ChunkPlan fromMask(byte[] mask, int chunkVoxels) {
        int n = 0;
        for (byte b : mask) {
            if (b != 0) {
                n++;
            }
        }
        int[] idx = new int[n];
        int p = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                idx[p++] = i;
            }
        }
        return new ChunkPlan(idx, chunkVoxels);
    }

    public int chunkVoxels() {
        return chunkVoxels;
    }

    /** M, the number of masked voxels. */
    public int maskedVoxels() {
        return maskIndices.length;
    }

    public int numChunks() {
        return (int) (((long) maskIndices.length + chunkVoxels - 1) / chunkVoxels); // no overflow for huge K
    }

    /** Position of chunk c's first voxel in the mask list. */
    public int chunkStart(int c) {
        return c * chunkVoxels;
    }

    /** Number of voxels in chunk c (K except possibly for the last). */
    public int chunkSize(int c) {
        return Math.min(chunkVoxels, maskIndices.length - c * chunkVoxels);
    }

    /** Linear voxel index of the p-th masked voxel. */
    public int voxelIndex(int p) {
        return maskIndices[p];
    }

    /** Copy of chunk c's linear voxel indices. */
    public int[] chunkIndices(int c) {
        int s = chunkStart(c);
        return Arrays.copyOfRange(maskIndices, s, s + chunkSize(c));
    }

    /** Copy of all masked voxel indices. */
    public int[] maskIndices() {
        return maskIndices.clone();
    }
}
