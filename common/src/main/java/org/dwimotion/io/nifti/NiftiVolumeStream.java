package org.dwimotion.io.nifti;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a NIfTI file one 3-D volume at a time, in file order, streaming it once (gzip or not, local or
 * through Hadoop). Only a bounded byte buffer (at most {@value #MAX_BUFFER} bytes) is held besides the
 * caller's output array. Not thread-safe; close it (try-with-resources).
 *
 * <pre>{@code
 * try (NiftiVolumeStream s = NiftiVolumeStream.open(location, NiftiReadOptions.defaults())) {
 *     float[] vol = new float[s.header().voxelsPerVolume()];
 *     while (s.hasNext()) { int t = s.nextIndex(); s.read(vol, 0); ... }
 * }
 * }</pre>
 */
public final class NiftiVolumeStream implements Closeable {
    private static final int MAX_BUFFER = 1 << 23;
    private static final Logger LOG = LoggerFactory.getLogger(NiftiVolumeStream.class);

    private final String location;
    private final NiftiHeader header;
    private final NiftiReadOptions options;
    private final InputStream in;
    private final NiftiDataType type;
    private final double slope;
    private final double inter;
    private final long volumeBytes;
    private byte[] buffer;
    private ByteBuffer view;
    private int next;
    private long nonFinite;

    private NiftiVolumeStream(String location, NiftiHeader header, NiftiReadOptions options, InputStream in) {
        this.location = location;
        this.header = header;
        this.options = options;
        this.in = in;
        this.type = header.dataType();
        this.slope = header.effectiveSlope();
        this.inter = header.effectiveInter();
        this.volumeBytes = (long) header.voxelsPerVolume() * type.bytes();
    }

    /**
     * Opens the file, reads and validates the header, checks the claimed size against
     * {@link NiftiReadOptions#maxDataBytes()} (and, uncompressed, against the file length) and positions
     * the stream at the first voxel (extensions are skipped).
     */
    public static NiftiVolumeStream open(String location, NiftiReadOptions options) throws IOException {
        return open(location, location, options);
    }

    /**
     * As {@link #open(String, NiftiReadOptions)}, reading {@code file} but naming {@code location} in messages and
     * {@link #location()}: for a local copy standing in for the user's file ({@link LocalSeriesCopies}).
     */
    static NiftiVolumeStream open(String file, String location, NiftiReadOptions options) throws IOException {
        InputStream raw;
        try {
            raw = options.storage().openRead(file);
        } catch (NoSuchFileException | FileNotFoundException e) {
            FileNotFoundException f = new FileNotFoundException(location + ": no such file");
            f.initCause(e);
            throw f;
        }
        InputStream in = raw;
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            NiftiHeader header = NiftiHeaderCodec.read(in, location);
            checkSize(location, header, options);
            if (!gzip) {
                long need = header.voxOffset() + header.dataBytes();
                long have = options.storage().length(file);
                if (have < need) {
                    throw new NiftiFormatException(location, "truncated: header needs " + need + " bytes ("
                            + describeDims(header) + " " + NiftiDataType.describe(header.datatype()) + " from offset "
                            + header.voxOffset() + ") but the file has " + have);
                }
            }
            in.skipNBytes(header.voxOffset() - header.headerSize());
            return new NiftiVolumeStream(location, header, options, in);
        } catch (IOException e) {
            closeQuietly(in, e);
            throw wrap(location, e, "header");
        } catch (RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in, Exception pending) {
        try {
            in.close();
        } catch (IOException suppressed) {
            pending.addSuppressed(suppressed);
        }
    }

    private static void checkSize(String location, NiftiHeader h, NiftiReadOptions options)
            throws NiftiFormatException {
        long bytes;
        try {
            bytes = Math.multiplyExact(Math.multiplyExact((long) h.voxelsPerVolume(), (long) h.nt()),
                    (long) h.dataType().bytes());
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > options.maxDataBytes()) {
            throw new NiftiFormatException(location, "header claims " + bytes + " bytes of voxel data ("
                    + describeDims(h) + " " + NiftiDataType.describe(h.datatype()) + "), above the limit of "
                    + options.maxDataBytes() + " bytes (NiftiReadOptions.maxDataBytes)");
        }
    }

    static String describeDims(NiftiHeader h) {
        return h.nx() + "x" + h.ny() + "x" + h.nz() + "x" + h.nt();
    }

    /** Turns low-level stream failures into messages that name the file and the problem. */
    static IOException wrap(String location, IOException e, String where) {
        if (e instanceof NiftiFormatException || e instanceof FileNotFoundException) {
            return e;
        }
        if (e instanceof ZipException) {
            return new NiftiFormatException(location, "corrupt gzip data in the " + where + ": " + e.getMessage(), e);
        }
        if (e instanceof EOFException) {
            return new NiftiFormatException(location, "truncated: the file ends inside the " + where, e);
        }
        return new IOException(location + ": cannot read the " + where + ": " + e.getMessage(), e);
    }

    public NiftiHeader header() {
        return header;
    }

    public String location() {
        return location;
    }

    /** Index of the volume the next read returns. */
    public int nextIndex() {
        return next;
    }

    public boolean hasNext() {
        return next < header.nt();
    }

    /** Non-finite values met so far (before replacement). */
    public long nonFiniteCount() {
        return nonFinite;
    }

    /** Skips {@code volumes} volumes without decoding them (a seek when uncompressed). */
    public void skip(int volumes) throws IOException {
        if (volumes < 0 || next + (long) volumes > header.nt()) {
            throw new IndexOutOfBoundsException("cannot skip " + volumes + " volumes from " + next + " of " + header.nt());
        }
        try {
            in.skipNBytes(volumeBytes * volumes);
        } catch (IOException e) {
            throw wrap(location, e, "voxel data (skipping to volume " + (next + volumes) + ")");
        }
        next += volumes;
    }

    /**
     * Reads the next volume, scaled, into {@code out[offset, offset + nVox)}; applies the non-finite policy.
     *
     * @param out receives nVox values, x-fastest. Modified.
     */
    public void read(float[] out, int offset) throws IOException {
        int nVox = header.voxelsPerVolume();
        requireNext(out.length, offset, nVox);
        decodeVolume(nVox, (done, count) ->
                VoxelDecodeOps.toFloat(view, 0, type, slope, inter, out, offset + done, count));
        int bad = VoxelDecodeOps.countNonFinite(out, offset, nVox);
        if (bad > 0 && onNonFinite(bad)) {
            VoxelDecodeOps.zeroNonFinite(out, offset, nVox);
        }
        next++;
    }

    /** As {@link #read(float[], int)}, into doubles (int32/float64 keep full precision). */
    public void read(double[] out, int offset) throws IOException {
        int nVox = header.voxelsPerVolume();
        requireNext(out.length, offset, nVox);
        decodeVolume(nVox, (done, count) ->
                VoxelDecodeOps.toDouble(view, 0, type, slope, inter, out, offset + done, count));
        int bad = VoxelDecodeOps.countNonFinite(out, offset, nVox);
        if (bad > 0 && onNonFinite(bad)) {
            VoxelDecodeOps.zeroNonFinite(out, offset, nVox);
        }
        next++;
    }

    /** Decodes the buffer's first {@code count} values to the output at volume position {@code done}. */
    @FunctionalInterface
    private interface ChunkSink {
        void accept(int done, int count);
    }

    /** Reads one volume through the bounded buffer, handing each filled chunk to {@code sink}. */
    private void decodeVolume(int nVox, ChunkSink sink) throws IOException {
        int done = 0;
        while (done < nVox) {
            int count = fill(nVox - done, done);
            sink.accept(done, count);
            done += count;
        }
    }

    private void requireNext(int length, int offset, int nVox) {
        if (!hasNext()) {
            throw new IllegalStateException(location + ": all " + header.nt() + " volumes already read");
        }
        if (offset < 0 || (long) offset + nVox > length) {
            throw new IllegalArgumentException("output holds " + length + " values; cannot place " + nVox
                    + " from offset " + offset);
        }
    }

    /** Reads up to {@code remaining} values into the buffer; returns how many. */
    private int fill(int remaining, int done) throws IOException {
        int bytesPer = type.bytes();
        if (buffer == null) {
            int size = (int) Math.min(volumeBytes, MAX_BUFFER / bytesPer * (long) bytesPer);
            buffer = new byte[size];
            view = ByteBuffer.wrap(buffer).order(header.byteOrder());
        }
        int count = Math.min(remaining, buffer.length / bytesPer);
        int want = count * bytesPer;
        int got;
        try {
            got = in.readNBytes(buffer, 0, want);
        } catch (IOException e) {
            throw wrap(location, e, "voxel data of volume " + next);
        }
        if (got < want) {
            long at = header.voxOffset() + next * volumeBytes + (long) done * bytesPer + got;
            throw new NiftiFormatException(location, "truncated: voxel data ends at byte " + at + " inside volume "
                    + next + " of " + header.nt() + " (expected " + (header.voxOffset() + header.dataBytes())
                    + " bytes uncompressed)");
        }
        return count;
    }

    /** Counts, rejects when asked; returns true when the values are to be replaced by 0. */
    private boolean onNonFinite(int bad) throws NiftiFormatException {
        nonFinite += bad;
        if (options.nonFinite() == NonFinitePolicy.REJECT) {
            throw new NiftiFormatException(location, bad + " NaN/Inf voxel values in volume " + next
                    + " (NonFinitePolicy.REJECT; use ZERO to replace them with 0 or KEEP to keep them)");
        }
        return options.nonFinite() == NonFinitePolicy.ZERO;
    }

    @Override
    public void close() throws IOException {
        if (nonFinite > 0 && options.nonFinite() != NonFinitePolicy.REJECT) {
            LOG.warn("{}: {} NaN/Inf voxel values {} (NonFinitePolicy.{})", location, nonFinite,
                    options.nonFinite() == NonFinitePolicy.ZERO ? "replaced by 0" : "kept", options.nonFinite());
        }
        in.close();
    }
}
