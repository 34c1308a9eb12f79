package org.dwimotion.io.nifti;

/** Where a NIfTI header's voxel-to-world affine came from (nifti1.h methods 3, 2 and 1). */
public enum AffineSource {
    /** {@code sform_code > 0}: the srow_x/y/z rows. */
    SFORM,
    /** {@code qform_code > 0}: quaternion, offsets, pixdim and qfac. */
    QFORM,
    /** Neither code set: diagonal pixdim scaling with the origin at voxel (0,0,0). */
    PIXDIM
}
