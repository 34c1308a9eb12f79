package org.dwimotion.io.nifti;

/**
 * The NIfTI datatypes dwimotion reads (codes from {@code nifti1.h}). Writing supports
 * {@link #FLOAT32} and {@link #INT16}.
 */
public enum NiftiDataType {
    UINT8(2, 1),
    INT16(4, 2),
    INT32(8, 4),
    FLOAT32(16, 4),
    FLOAT64(64, 8),
    INT8(256, 1),
    UINT16(512, 2),
    UINT32(768, 4),
    INT64(1024, 8),
    UINT64(1280, 8);

    private final int code;
    private final int bytes;

    NiftiDataType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The {@code datatype} code in the header. */
    public int code() {
        return code;
    }

    /** Bytes per voxel value. */
    public int bytes() {
        return bytes;
    }

    /** The datatype for a header code, or null when dwimotion does not read it (complex, RGB, ...). */
    public static NiftiDataType ofCode(int code) {
        for (NiftiDataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** A readable name for any code, supported or not (for error messages and {@code info}). */
    public static String describe(int code) {
        NiftiDataType t = ofCode(code);
        if (t != null) {
            return t.name().toLowerCase(java.util.Locale.ROOT);
        }
        return switch (code) {
            case 0 -> "unknown";
            case 1 -> "binary";
            case 32 -> "complex64";
            case 128 -> "rgb24";
            case 1536 -> "float128";
            case 1792 -> "complex128";
            case 2048 -> "complex256";
            case 2304 -> "rgba32";
            default -> "code " + code;
        };
    }
}
