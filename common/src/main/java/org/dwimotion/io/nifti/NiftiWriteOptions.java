package org.dwimotion.io.nifti;

import java.nio.ByteOrder;
import java.util.zip.Deflater;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;

/**
 * How NIfTI files are written. Compression follows the name: {@code .nii.gz} is gzip, {@code .nii} is not.
 *
 * @param storage      where locations are resolved (default {@link Locations#storage()})
 * @param niftiVersion 1 (348-byte header, the default) or 2 (540-byte header, 64-bit dims)
 * @param byteOrder    byte order of header and data (default little-endian)
 * @param gzipLevel    deflate level 0..9 for {@code .nii.gz} (default 1: fastest; outputs are
 *                     intermediate or re-read by the next tool, where speed counts more than size)
 * @param xformCode    qform_code and sform_code written (default 1, NIFTI_XFORM_SCANNER_ANAT)
 */
public record NiftiWriteOptions(Storage storage, int niftiVersion, ByteOrder byteOrder, int gzipLevel,
                                int xformCode) {
    public NiftiWriteOptions {
        if (storage == null || byteOrder == null) {
            throw new IllegalArgumentException("storage and byteOrder are required");
        }
        if (niftiVersion != 1 && niftiVersion != 2) {
            throw new IllegalArgumentException("niftiVersion must be 1 or 2: " + niftiVersion);
        }
        if (gzipLevel < Deflater.NO_COMPRESSION || gzipLevel > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("gzipLevel must be 0..9: " + gzipLevel);
        }
        if (xformCode < 1 || xformCode > 5) {
            throw new IllegalArgumentException("xformCode must be a NIFTI_XFORM_* code 1..5: " + xformCode);
        }
    }

    public static NiftiWriteOptions defaults() {
        return new NiftiWriteOptions(Locations.storage(), 1, ByteOrder.LITTLE_ENDIAN, Deflater.BEST_SPEED, 1);
    }

    public NiftiWriteOptions withStorage(Storage s) {
        return new NiftiWriteOptions(s, niftiVersion, byteOrder, gzipLevel, xformCode);
    }

    public NiftiWriteOptions withVersion(int version) {
        return new NiftiWriteOptions(storage, version, byteOrder, gzipLevel, xformCode);
    }

    public NiftiWriteOptions withByteOrder(ByteOrder order) {
        return new NiftiWriteOptions(storage, niftiVersion, order, gzipLevel, xformCode);
    }

    public NiftiWriteOptions withGzipLevel(int level) {
        return new NiftiWriteOptions(storage, niftiVersion, byteOrder, level, xformCode);
    }

    public NiftiWriteOptions withXformCode(int code) {
        return new NiftiWriteOptions(storage, niftiVersion, byteOrder, gzipLevel, code);
    }
}
