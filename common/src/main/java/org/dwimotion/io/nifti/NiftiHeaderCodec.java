package org.dwimotion.io.nifti;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.dwimotion.image.ImageGeometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and encodes NIfTI-1 (348-byte) and NIfTI-2 (540-byte) headers, in either byte order,
 * with the field offsets of {@code nifti1.h} and {@code nifti2.h}. Decoding validates everything the
 * reader relies on (magic, dimensions, datatype, vox_offset) and resolves the affine.
 */
final class NiftiHeaderCodec {
    static final int NIFTI1_SIZE = 348;
    static final int NIFTI2_SIZE = 540;
    private static final byte[] MAGIC2 = {'n', '+', '2', 0, '\r', '\n', 0x1A, '\n'};
    private static final Logger LOG = LoggerFactory.getLogger(NiftiHeaderCodec.class);

    private NiftiHeaderCodec() {
    }

    /** Reads and validates the header at the start of {@code in}; leaves the stream just after it. */
    static NiftiHeader read(InputStream in, String location) throws IOException {
        byte[] first = in.readNBytes(4);
        if (first.length < 4) {
            throw new NiftiFormatException(location, first.length == 0 ? "empty file, not a NIfTI image"
                    : "truncated: only " + first.length + " bytes, not a NIfTI header");
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        int size = ByteBuffer.wrap(first).order(order).getInt(0);
        if (size != NIFTI1_SIZE && size != NIFTI2_SIZE) {
            order = ByteOrder.BIG_ENDIAN;
            size = ByteBuffer.wrap(first).order(order).getInt(0);
        }
        if (size != NIFTI1_SIZE && size != NIFTI2_SIZE) {
            throw new NiftiFormatException(location, "not a NIfTI file: sizeof_hdr is "
                    + ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getInt(0)
                    + " (expected 348 or 540 in either byte order)");
        }
        byte[] all = Arrays.copyOf(first, size);
        int got = in.readNBytes(all, 4, size - 4);
        if (got < size - 4) {
            throw new NiftiFormatException(location, "truncated header: " + (got + 4) + " of " + size + " bytes");
        }
        ByteBuffer bb = ByteBuffer.wrap(all).order(order);
        return size == NIFTI1_SIZE ? decode1(bb, location) : decode2(bb, location);
    }

    private static NiftiHeader decode1(ByteBuffer bb, String location) throws NiftiFormatException {
        String magic = ascii(bb, 344, 4);
        if (magic.equals("ni1")) {
            throw new NiftiFormatException(location, "two-file NIfTI-1 (.hdr/.img, magic 'ni1') is not supported; "
                    + "convert it to a single .nii file");
        }
        if (!magic.equals("n+1")) {
            throw new NiftiFormatException(location, "bad NIfTI-1 magic '" + printable(bb, 344, 4) + "' (expected 'n+1')");
        }
        long[] dim = new long[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = bb.getShort(40 + 2 * i);
        }
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = bb.getFloat(76 + 4 * i);
        }
        float voxOffset = bb.getFloat(108);
        if (!(voxOffset >= NIFTI1_SIZE) || voxOffset > Long.MAX_VALUE / 2) {
            throw new NiftiFormatException(location, "vox_offset " + voxOffset + " is not a valid data offset "
                    + "(must be at least " + NIFTI1_SIZE + ")");
        }
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = bb.getFloat(280 + 4 * i);
        }
        return finish(location, 1, bb.order(), dim, bb.getShort(70), bb.getShort(72), pixdim, (long) voxOffset,
                bb.getFloat(112), bb.getFloat(116), bb.getShort(252), bb.getShort(254),
                new double[] {bb.getFloat(256), bb.getFloat(260), bb.getFloat(264)},
                new double[] {bb.getFloat(268), bb.getFloat(272), bb.getFloat(276)},
                srow, bb.get(123) & 0xFF, bb.getShort(68), ascii(bb, 148, 80));
    }

    private static NiftiHeader decode2(ByteBuffer bb, String location) throws NiftiFormatException {
        String magic = ascii(bb, 4, 4);
        if (magic.equals("ni2")) {
            throw new NiftiFormatException(location, "two-file NIfTI-2 (.hdr/.img, magic 'ni2') is not supported; "
                    + "convert it to a single .nii file");
        }
        if (!magic.equals("n+2")) {
            throw new NiftiFormatException(location, "bad NIfTI-2 magic '" + printable(bb, 4, 4) + "' (expected 'n+2')");
        }
        for (int i = 4; i < 8; i++) {
            if (bb.get(4 + i) != MAGIC2[i]) {
                throw new NiftiFormatException(location, "NIfTI-2 magic is followed by bytes that are not "
                        + "\\r\\n\\032\\n: the file was altered by a text-mode transfer");
            }
        }
        long[] dim = new long[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = bb.getLong(16 + 8 * i);
        }
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = bb.getDouble(104 + 8 * i);
        }
        long voxOffset = bb.getLong(168);
        if (voxOffset < NIFTI2_SIZE) {
            throw new NiftiFormatException(location, "vox_offset " + voxOffset + " is not a valid data offset "
                    + "(must be at least " + NIFTI2_SIZE + ")");
        }
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = bb.getDouble(400 + 8 * i);
        }
        return finish(location, 2, bb.order(), dim, bb.getShort(12), bb.getShort(14), pixdim, voxOffset,
                bb.getDouble(176), bb.getDouble(184), bb.getInt(344), bb.getInt(348),
                new double[] {bb.getDouble(352), bb.getDouble(360), bb.getDouble(368)},
                new double[] {bb.getDouble(376), bb.getDouble(384), bb.getDouble(392)},
                srow, bb.getInt(500), bb.getInt(504), ascii(bb, 240, 80));
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static NiftiHeader finish(String location, int version, ByteOrder order, long[] dim, int datatype,
                                      int bitpix, double[] pixdim, long voxOffset, double slope, double inter,
                                      int qformCode, int sformCode, double[] quatern, double[] qoffset,
                                      double[] srow, int xyztUnits, int intentCode, String descrip)
            throws NiftiFormatException {
        checkDims(location, dim);
        if (NiftiDataType.ofCode(datatype) == null) {
            throw new NiftiFormatException(location, "unsupported datatype " + NiftiDataType.describe(datatype)
                    + " (code " + datatype + "); dwimotion reads uint8, int8, int16, uint16, int32, uint32, int64, "
                    + "uint64, float32 and float64");
        }
        int nx = (int) dim[1];
        int ny = dim[0] >= 2 ? (int) dim[2] : 1;
        int nz = dim[0] >= 3 ? (int) dim[3] : 1;
        Resolved r = resolveAffine(location, pixdim, qformCode, sformCode, quatern, qoffset, srow);
        ImageGeometry geometry = new ImageGeometry(nx, ny, nz, r.affine);
        return new NiftiHeader(version, order, dim, datatype, bitpix, pixdim, voxOffset, slope, inter, qformCode,
                sformCode, quatern, qoffset, srow, xyztUnits, intentCode, descrip, geometry, r.source);
    }

    private static void checkDims(String location, long[] dim) throws NiftiFormatException {
        long n = dim[0];
        if (n < 1 || n > 7) {
            throw new NiftiFormatException(location, "dim[0] = " + n + " is not a number of dimensions in 1..7");
        }
        for (int i = 1; i <= n; i++) {
            if (dim[i] < 1) {
                throw new NiftiFormatException(location, "dimension " + i + " has extent " + dim[i]
                        + " (must be at least 1); dim = " + Arrays.toString(dim));
            }
            if (dim[i] > Integer.MAX_VALUE) {
                throw new NiftiFormatException(location, "dimension " + i + " has extent " + dim[i]
                        + ", beyond what dwimotion indexes");
            }
        }
        for (int i = 5; i <= n; i++) {
            if (dim[i] != 1) {
                throw new NiftiFormatException(location, "only 3-D and 4-D images are supported, but dimension " + i
                        + " has extent " + dim[i] + "; dim = " + Arrays.toString(dim));
            }
        }
        long perVolume = 1;
        for (int i = 1; i <= Math.min(n, 3); i++) {
            perVolume *= dim[i];
            if (perVolume > Integer.MAX_VALUE - 8) {
                throw new NiftiFormatException(location, "one 3-D volume holds more than 2^31 voxels; dim = "
                        + Arrays.toString(dim));
            }
        }
    }

    private record Resolved(double[] affine, AffineSource source) {
    }

    /** nifti1.h: sform when sform_code &gt; 0, else qform when qform_code &gt; 0, else pixdim (method 1). */
    private static Resolved resolveAffine(String location, double[] pixdim, int qformCode, int sformCode,
                                          double[] quatern, double[] qoffset, double[] srow) {
        if (sformCode > 0) {
            double[] a = {
                    srow[0], srow[1], srow[2], srow[3],
                    srow[4], srow[5], srow[6], srow[7],
                    srow[8], srow[9], srow[10], srow[11],
                    0, 0, 0, 1};
            if (usable(a)) {
                return new Resolved(a, AffineSource.SFORM);
            }
            LOG.warn("{}: sform (code {}) is singular or not finite; falling back to the qform/pixdim", location,
                    sformCode);
        }
        if (qformCode > 0) {
            double[] a = QformOps.toAffine(quatern[0], quatern[1], quatern[2], qoffset[0], qoffset[1], qoffset[2],
                    pixdim[1], pixdim[2], pixdim[3], pixdim[0]);
            if (usable(a)) {
                return new Resolved(a, AffineSource.QFORM);
            }
            LOG.warn("{}: qform (code {}) is not finite; falling back to pixdim scaling", location, qformCode);
        }
        double[] a = {
                spacing(pixdim[1]), 0, 0, 0,
                0, spacing(pixdim[2]), 0, 0,
                0, 0, spacing(pixdim[3]), 0,
                0, 0, 0, 1};
        return new Resolved(a, AffineSource.PIXDIM);
    }

    private static double spacing(double p) {
        return Double.isFinite(p) && p != 0 ? Math.abs(p) : 1.0;
    }

    private static boolean usable(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        double det = org.dwimotion.image.Affines.det3(a);
        return Math.abs(det) > 1e-12;
    }

    private static String ascii(ByteBuffer bb, int offset, int length) {
        byte[] b = new byte[length];
        bb.get(offset, b);
        int end = 0;
        while (end < length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1).trim();
    }

    private static String printable(ByteBuffer bb, int offset, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = bb.get(offset + i) & 0xFF;
            s.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.toString();
    }

    /**
     * Encodes a header (the fields the writer sets) in the header's version and byte order.
     *
     * @return 348 or 540 bytes
     */
    static byte[] encode(NiftiHeader h) {
        return h.niftiVersion() == 2 ? encode2(h) : encode1(h);
    }

    private static byte[] encode1(NiftiHeader h) {
        ByteBuffer bb = ByteBuffer.allocate(NIFTI1_SIZE).order(h.byteOrder());
        bb.putInt(0, NIFTI1_SIZE);
        bb.put(38, (byte) 'r');
        for (int i = 0; i < 8; i++) {
            if (h.dim()[i] > Short.MAX_VALUE) {
                throw new IllegalArgumentException("dimension " + i + " = " + h.dim()[i]
                        + " does not fit a NIfTI-1 header; write NIfTI-2");
            }
            bb.putShort(40 + 2 * i, (short) h.dim()[i]);
        }
        bb.putShort(68, (short) h.intentCode());
        bb.putShort(70, (short) h.datatype());
        bb.putShort(72, (short) h.bitpix());
        for (int i = 0; i < 8; i++) {
            bb.putFloat(76 + 4 * i, (float) h.pixdim()[i]);
        }
        bb.putFloat(108, h.voxOffset());
        bb.putFloat(112, (float) h.sclSlope());
        bb.putFloat(116, (float) h.sclInter());
        bb.put(123, (byte) h.xyztUnits());
        putAscii(bb, 148, 80, h.description());
        bb.putShort(252, (short) h.qformCode());
        bb.putShort(254, (short) h.sformCode());
        for (int i = 0; i < 3; i++) {
            bb.putFloat(256 + 4 * i, (float) h.quatern()[i]);
            bb.putFloat(268 + 4 * i, (float) h.qoffset()[i]);
        }
        for (int i = 0; i < 12; i++) {
            bb.putFloat(280 + 4 * i, (float) h.srow()[i]);
        }
        bb.put(344, new byte[] {'n', '+', '1', 0});
        return bb.array();
    }

    private static byte[] encode2(NiftiHeader h) {
        ByteBuffer bb = ByteBuffer.allocate(NIFTI2_SIZE).order(h.byteOrder());
        bb.putInt(0, NIFTI2_SIZE);
        bb.put(4, MAGIC2);
        bb.putShort(12, (short) h.datatype());
        bb.putShort(14, (short) h.bitpix());
        for (int i = 0; i < 8; i++) {
            bb.putLong(16 + 8 * i, h.dim()[i]);
            bb.putDouble(104 + 8 * i, h.pixdim()[i]);
        }
        bb.putLong(168, h.voxOffset());
        bb.putDouble(176, h.sclSlope());
        bb.putDouble(184, h.sclInter());
        putAscii(bb, 240, 80, h.description());
        bb.putInt(344, h.qformCode());
        bb.putInt(348, h.sformCode());
        for (int i = 0; i < 3; i++) {
            bb.putDouble(352 + 8 * i, h.quatern()[i]);
            bb.putDouble(376 + 8 * i, h.qoffset()[i]);
        }
        for (int i = 0; i < 12; i++) {
            bb.putDouble(400 + 8 * i, h.srow()[i]);
        }
        bb.putInt(500, h.xyztUnits());
        bb.putInt(504, h.intentCode());
        return bb.array();
    }

    private static void putAscii(ByteBuffer bb, int offset, int length, String s) {
        if (s == null) {
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        bb.put(offset, b, 0, Math.min(b.length, length - 1));
    }
}
