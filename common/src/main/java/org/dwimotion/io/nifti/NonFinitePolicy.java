package org.dwimotion.io.nifti;

/**
 * What the reader does with NaN or infinite voxel values (after scaling). The count is always
 * available as {@link NiftiImage#nonFiniteCount()} for whole-image reads.
 */
public enum NonFinitePolicy {
    /** Keep them as they are (the caller inspects {@link NiftiImage#nonFiniteCount()}); logged as a warning. */
    KEEP,
    /** Replace them with 0 and log a warning naming the file and the count. The default. */
    ZERO,
    /** Refuse the file with a {@link NiftiFormatException} naming the count. */
    REJECT
}
