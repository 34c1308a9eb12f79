package org.dwimotion.io.nifti;

import java.nio.ByteBuffer;

/**
 * Converts stored NIfTI voxel values to float or double, applying {@code value·slope + inter}.
 * Raw kernels: no argument checks beyond what the buffer's own bounds checks give.
 */
final class VoxelDecodeOps {
    private VoxelDecodeOps() {
    }

    /**
     * @param src       stored bytes, in the file's byte order (the buffer's order is used). Not modified.
     * @param srcOffset byte offset of the first value in {@code src}
     * @param type      stored datatype
     * @param slope     multiplier (1 for none)
     * @param inter     offset added after the slope (0 for none)
     * @param out       receives {@code count} values from {@code outOffset}. Modified.
     */
    static void toFloat(ByteBuffer src, int srcOffset, NiftiDataType type, double slope, double inter,
                        float[] out, int outOffset, int count) {
        boolean identity = slope == 1.0 && inter == 0.0;
        switch (type) {
            case FLOAT32 -> {
                src.slice(srcOffset, count * 4).order(src.order()).asFloatBuffer().get(out, outOffset, count);
                if (!identity) {
                    for (int i = 0; i < count; i++) {
                        out[outOffset + i] = (float) (out[outOffset + i] * slope + inter);
                    }
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) {
                    out[outOffset + i] = (float) (src.getShort(srcOffset + 2 * i) * slope + inter);
                }
            }
            case UINT16 -> {
                for (int i = 0; i < count; i++) {
                    out[outOffset + i] = (float) ((src.getShort(srcOffset + 2 * i) & 0xFFFF) * slope + inter);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < count; i++) {
                    out[outOffset + i] = (float) ((src.get(srcOffset + i) & 0xFF) * slope + inter);
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    out[outOffset + i] = (float) (src.get(srcOffset + i) * slope + inter);
                }
            }
            default -> {
                // wide types: go through double so that int32/int64/float64 keep their precision until the end
                for (int i = 0; i < count; i++) {
                    out[outOffset + i] = (float) (wide(src, srcOffset, type, i) * slope + inter);
                }
            }
        }
    }

    /** As {@link #toFloat} but into doubles (no precision lost for int32, uint32, float64). */
    static void toDouble(ByteBuffer src, int srcOffset, NiftiDataType type, double slope, double inter,
                         double[] out, int outOffset, int count) {
        for (int i = 0; i < count; i++) {
            out[outOffset + i] = wide(src, srcOffset, type, i) * slope + inter;
        }
    }

    private static double wide(ByteBuffer src, int base, NiftiDataType type, int i) {
        return switch (type) {
            case UINT8 -> src.get(base + i) & 0xFF;
            case INT8 -> src.get(base + i);
            case INT16 -> src.getShort(base + 2 * i);
            case UINT16 -> src.getShort(base + 2 * i) & 0xFFFF;
            case INT32 -> src.getInt(base + 4 * i);
            case UINT32 -> src.getInt(base + 4 * i) & 0xFFFFFFFFL;
            case INT64 -> src.getLong(base + 8 * i);
            case UINT64 -> unsigned(src.getLong(base + 8 * i));
            case FLOAT32 -> src.getFloat(base + 4 * i);
            case FLOAT64 -> src.getDouble(base + 8 * i);
        };
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }

    /** Number of NaN or infinite values in {@code data[offset, offset+count)}. */
    static int countNonFinite(float[] data, int offset, int count) {
        int n = 0;
        for (int i = offset; i < offset + count; i++) {
            if (!Float.isFinite(data[i])) {
                n++;
            }
        }
        return n;
    }

    static int countNonFinite(double[] data, int offset, int count) {
        int n = 0;
        for (int i = offset; i < offset + count; i++) {
            if (!Double.isFinite(data[i])) {
                n++;
            }
        }
        return n;
    }

    static void zeroNonFinite(float[] data, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            if (!Float.isFinite(data[i])) {
                data[i] = 0f;
            }
        }
    }

    static void zeroNonFinite(double[] data, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            if (!Double.isFinite(data[i])) {
                data[i] = 0.0;
            }
        }
    }
}
