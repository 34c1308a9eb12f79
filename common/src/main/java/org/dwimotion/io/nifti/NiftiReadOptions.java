package org.dwimotion.io.nifti;

import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;

/**
 * How NIfTI files are read.
 *
 * @param storage       where locations are resolved (default {@link Locations#storage()}: local paths
 *                      via java.nio, schemed locations via Hadoop with a default configuration)
 * @param maxDataBytes  refuse files whose header claims more voxel data than this (bytes, as stored),
 *                      checked before anything is allocated; default {@link #DEFAULT_MAX_DATA_BYTES}
 * @param nonFinite     what to do with NaN/Inf voxels; default {@link NonFinitePolicy#ZERO}
 */
public record NiftiReadOptions(Storage storage, long maxDataBytes, NonFinitePolicy nonFinite) {
    /** 16 GiB of stored voxel data. */
    public static final long DEFAULT_MAX_DATA_BYTES = 16L << 30;

    public NiftiReadOptions {
        if (storage == null || nonFinite == null) {
            throw new IllegalArgumentException("storage and nonFinite policy are required");
        }
        if (maxDataBytes <= 0) {
            throw new IllegalArgumentException("maxDataBytes must be positive: " + maxDataBytes);
        }
    }

    /** Local/Hadoop-default storage, 16 GiB limit, non-finite voxels replaced by 0 with a warning. */
    public static NiftiReadOptions defaults() {
        return new NiftiReadOptions(Locations.storage(), DEFAULT_MAX_DATA_BYTES, NonFinitePolicy.ZERO);
    }

    public NiftiReadOptions withStorage(Storage s) {
        return new NiftiReadOptions(s, maxDataBytes, nonFinite);
    }

    public NiftiReadOptions withMaxDataBytes(long bytes) {
        return new NiftiReadOptions(storage, bytes, nonFinite);
    }

    public NiftiReadOptions withNonFinite(NonFinitePolicy policy) {
        return new NiftiReadOptions(storage, maxDataBytes, policy);
    }
}
