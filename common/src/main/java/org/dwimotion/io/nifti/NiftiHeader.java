package org.dwimotion.io.nifti;

import java.nio.ByteOrder;
import org.dwimotion.image.ImageGeometry;

/**
 * The fields of a NIfTI-1 or NIfTI-2 header that dwimotion uses, widened to the NIfTI-2 types, plus
 * the resolved voxel-to-world {@link #geometry()} and where it came from ({@link #affineSource()}).
 *
 * <p>Values are as stored in the file (arrays are not copied: treat them as read-only). Dimensions
 * beyond {@code dim[0]} are reported as 1 by {@link #nx()}..{@link #nt()}. The reader has already
 * validated dimensions, datatype and sizes when it hands out a header.
 *
 * @param niftiVersion 1 (348-byte header) or 2 (540-byte header)
 * @param byteOrder    byte order of header and data
 * @param dim          {@code dim[0..7]}: dim[0] is the number of dimensions, dim[1..] the extents
 * @param datatype     the {@code datatype} code (see {@link NiftiDataType})
 * @param bitpix       bits per voxel as stored in the header
 * @param pixdim       {@code pixdim[0..7]}: pixdim[0] is qfac, pixdim[1..3] voxel sizes (mm), pixdim[4] TR
 * @param voxOffset    byte offset of the voxel data in the file
 * @param sclSlope     {@code scl_slope} as stored (0 or NaN means no scaling)
 * @param sclInter     {@code scl_inter} as stored
 * @param qformCode    {@code qform_code}
 * @param sformCode    {@code sform_code}
 * @param quatern      quaternion b, c, d
 * @param qoffset      qoffset x, y, z (mm)
 * @param srow         srow_x, srow_y, srow_z: 12 values, row-major 3×4
 * @param xyztUnits    {@code xyzt_units}
 * @param intentCode   {@code intent_code}
 * @param description  {@code descrip}, trimmed
 * @param geometry     nx, ny, nz and the voxel-to-world affine (RAS mm) chosen as nifti1.h says
 * @param affineSource which header fields gave the affine
 */
public record NiftiHeader(
        int niftiVersion,
        ByteOrder byteOrder,
        long[] dim,
        int datatype,
        int bitpix,
        double[] pixdim,
        long voxOffset,
        double sclSlope,
        double sclInter,
        int qformCode,
        int sformCode,
        double[] quatern,
        double[] qoffset,
        double[] srow,
        int xyztUnits,
        int intentCode,
        String description,
        ImageGeometry geometry,
        AffineSource affineSource) {

    /** Extent of axis {@code axis} (1-based as in dim[]), 1 when beyond dim[0]. */
    public long extent(int axis) {
        return axis <= dim[0] ? dim[axis] : 1;
    }

    public int nx() {
        return (int) extent(1);
    }

    public int ny() {
        return (int) extent(2);
    }

    public int nz() {
        return (int) extent(3);
    }

    /** Number of volumes (1 for a 3-D image). */
    public int nt() {
        return (int) extent(4);
    }

    /** The datatype (never null for a header returned by the reader). */
    public NiftiDataType dataType() {
        return NiftiDataType.ofCode(datatype);
    }

    /** Voxels in one 3-D volume. */
    public int voxelsPerVolume() {
        return nx() * ny() * nz();
    }

    /** Bytes of voxel data in the file: voxels × volumes × bytes per value. */
    public long dataBytes() {
        return (long) voxelsPerVolume() * nt() * dataType().bytes();
    }

    /** True when scl_slope asks for scaling (finite and non-zero), as nifti1.h says. */
    public boolean hasScaling() {
        return Double.isFinite(sclSlope) && sclSlope != 0;
    }

    /** The slope applied to stored values: scl_slope when {@link #hasScaling()}, else 1. */
    public double effectiveSlope() {
        return hasScaling() ? sclSlope : 1.0;
    }

    /** The intercept applied: scl_inter when {@link #hasScaling()} and finite, else 0. */
    public double effectiveInter() {
        return hasScaling() && Double.isFinite(sclInter) ? sclInter : 0.0;
    }

    /** qfac: -1 when pixdim[0] is negative, else 1 (nifti1.h). */
    public double qfac() {
        return pixdim[0] < 0 ? -1.0 : 1.0;
    }

    /** Voxel sizes pixdim[1..3] in the file's spatial units. */
    public double[] voxelSizes() {
        return new double[] {pixdim[1], pixdim[2], pixdim[3]};
    }

    /** Size of the header in bytes (348 or 540). */
    public int headerSize() {
        return niftiVersion == 2 ? NiftiHeaderCodec.NIFTI2_SIZE : NiftiHeaderCodec.NIFTI1_SIZE;
    }
}
