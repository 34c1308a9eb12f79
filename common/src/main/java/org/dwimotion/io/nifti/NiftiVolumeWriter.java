package org.dwimotion.io.nifti;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.AtomicOutput;
import org.dwimotion.io.ParallelGzipOutputStream;

/**
 * Writes a NIfTI image volume by volume (float32, float64, or int16 with a given scaling), through a temporary
 * name that {@link #commit()} renames onto the target once all {@code nt} volumes are written. Closing
 * without a commit (after an exception) deletes the temporary file. Not thread-safe.
 *
 * <p>The header carries both a sform (the affine as given) and a qform (its nearest rigid-plus-scaling
 * form, quaternion from the polar decomposition), both with {@link NiftiWriteOptions#xformCode()}.
 *
 * <p>A {@code .nii.gz} is compressed by {@link ParallelGzipOutputStream} ({@link
 * ParallelGzipOutputStream#defaultThreads()} threads, 1 MiB blocks): one standard gzip member whose bytes do not
 * depend on the number of threads. A large series' output was bound by one thread's deflate before.
 */
public final class NiftiVolumeWriter implements Closeable {
    private static final int CHUNK_VALUES = 1 << 18;

    private final String location;
    private final NiftiHeader header;
    private final Int16Scaling scaling;
    private final AtomicOutput output;
    private final OutputStream data;
    private final ByteBuffer chunk;
    private int written;
    private boolean committed;

    private NiftiVolumeWriter(String location, NiftiHeader header, Int16Scaling scaling, AtomicOutput output,
                              OutputStream data) {
        this.location = location;
        this.header = header;
        this.scaling = scaling;
        this.output = output;
        this.data = data;
        int values = Math.min(CHUNK_VALUES, header.voxelsPerVolume());
        this.chunk = ByteBuffer.allocate(values * header.dataType().bytes()).order(header.byteOrder());
    }

    /**
     * Starts a file.
     *
     * @param type    {@link NiftiDataType#FLOAT32}, {@link NiftiDataType#FLOAT64} or {@link NiftiDataType#INT16}
     * @param scaling for INT16: how values map to stored integers ({@link Int16Scaling#choose}); ignored
     *                (identity) for the float types
     */
    public static NiftiVolumeWriter open(String location, ImageGeometry geometry, int nt, NiftiDataType type,
                                         Int16Scaling scaling, NiftiWriteOptions options) throws IOException {
        boolean gzip = isGzipName(location);
        if (type != NiftiDataType.FLOAT32 && type != NiftiDataType.FLOAT64 && type != NiftiDataType.INT16) {
            throw new IllegalArgumentException(location + ": writing " + type
                    + " is not supported (FLOAT32, FLOAT64 or INT16)");
        }
        if (nt < 1) {
            throw new IllegalArgumentException(location + ": number of volumes must be >= 1: " + nt);
        }
        Int16Scaling s = type == NiftiDataType.INT16 ? scaling : Int16Scaling.IDENTITY;
        NiftiHeader header = buildHeader(geometry, nt, type, s, options);
        byte[] headerBytes = NiftiHeaderCodec.encode(header);
        AtomicOutput out = options.storage().createAtomically(location);
        OutputStream stream = null;
        try {
            stream = gzip
                    ? new ParallelGzipOutputStream(out.stream(), options.gzipLevel(),
                    ParallelGzipOutputStream.defaultThreads())
                    : out.stream();
            stream.write(headerBytes);
            // extension flag bytes (no extensions), then data at vox_offset
            stream.write(new byte[(int) header.voxOffset() - headerBytes.length]);
            return new NiftiVolumeWriter(location, header, s, out, stream);
        } catch (IOException | RuntimeException e) {
            if (stream instanceof ParallelGzipOutputStream gz) {
                gz.abandon();
            }
            out.close();
            throw e;
        }
    }

    static boolean isGzipName(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".nii.gz")) {
            return true;
        }
        if (lower.endsWith(".nii")) {
            return false;
        }
        throw new IllegalArgumentException(location + ": a NIfTI output must end with .nii or .nii.gz");
    }

    private static NiftiHeader buildHeader(ImageGeometry g, int nt, NiftiDataType type, Int16Scaling s,
                                           NiftiWriteOptions options) {
        double[] affine = g.voxelToWorld();
        double[] q = QformOps.fromAffine(affine);
        long[] dim = {nt > 1 ? 4 : 3, g.nx(), g.ny(), g.nz(), nt, 1, 1, 1};
        double[] pixdim = {q[9], q[6], q[7], q[8], 1, 1, 1, 1};
        double[] srow = {
                affine[0], affine[1], affine[2], affine[3],
                affine[4], affine[5], affine[6], affine[7],
                affine[8], affine[9], affine[10], affine[11]};
        int version = options.niftiVersion();
        long voxOffset = (version == 2 ? NiftiHeaderCodec.NIFTI2_SIZE : NiftiHeaderCodec.NIFTI1_SIZE) + 4;
        int code = options.xformCode();
        boolean scaled = type == NiftiDataType.INT16 && !s.equals(Int16Scaling.IDENTITY);
        return new NiftiHeader(version, options.byteOrder(), dim, type.code(), type.bytes() * 8, pixdim, voxOffset,
                scaled ? s.slope() : 1.0, scaled ? s.inter() : 0.0, code, code,
                new double[] {q[0], q[1], q[2]}, new double[] {q[3], q[4], q[5]}, srow,
                10 /* NIFTI_UNITS_MM | NIFTI_UNITS_SEC */, 0, "dwimotion", g, AffineSource.SFORM);
    }

    /** The header being written. */
    public NiftiHeader header() {
        return header;
    }

    /**
     * Appends the next volume.
     *
     * @param volume nVox values, x-fastest, from {@code offset}. Not modified.
     */
    public void write(float[] volume, int offset) throws IOException {
        int nVox = header.voxelsPerVolume();
        if (written >= header.nt()) {
            throw new IllegalStateException(location + ": all " + header.nt() + " volumes already written");
        }
        if (offset < 0 || (long) offset + nVox > volume.length) {
            throw new IllegalArgumentException(location + ": volume needs " + nVox + " values from offset " + offset
                    + ", the array holds " + volume.length);
        }
        boolean int16 = header.dataType() == NiftiDataType.INT16;
        int capacity = chunk.capacity() / header.dataType().bytes();
        for (int start = 0; start < nVox; start += capacity) {
            int n = Math.min(capacity, nVox - start);
            chunk.clear();
            if (int16) {
                for (int i = 0; i < n; i++) {
                    float v = volume[offset + start + i];
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException(location + ": value " + v + " in volume " + written
                                + " cannot be stored as int16");
                    }
                    chunk.putShort(2 * i, scaling.encode(v));
                }
            } else if (header.dataType() == NiftiDataType.FLOAT64) {
                for (int i = 0; i < n; i++) {
                    chunk.putDouble(8 * i, volume[offset + start + i]);
                }
            } else {
                chunk.asFloatBuffer().put(volume, offset + start, n);
            }
            data.write(chunk.array(), 0, n * header.dataType().bytes());
        }
        written++;
    }

    /**
     * Appends the next volume from double values: stored exactly in a FLOAT64 file, rounded to the nearest
     * float in a FLOAT32 file, encoded with the file's scaling in an INT16 file.
     *
     * @param volume nVox values, x-fastest, from {@code offset}. Not modified.
     */
    public void write(double[] volume, int offset) throws IOException {
        int nVox = header.voxelsPerVolume();
        if (written >= header.nt()) {
            throw new IllegalStateException(location + ": all " + header.nt() + " volumes already written");
        }
        if (offset < 0 || (long) offset + nVox > volume.length) {
            throw new IllegalArgumentException(location + ": volume needs " + nVox + " values from offset " + offset
                    + ", the array holds " + volume.length);
        }
        if (header.dataType() != NiftiDataType.FLOAT64) {
            float[] rounded = new float[nVox];
            for (int i = 0; i < nVox; i++) {
                rounded[i] = (float) volume[offset + i];
            }
            write(rounded, 0);
            return;
        }
        int capacity = chunk.capacity() / 8;
        for (int start = 0; start < nVox; start += capacity) {
            int n = Math.min(capacity, nVox - start);
            chunk.clear();
            for (int i = 0; i < n; i++) {
                chunk.putDouble(8 * i, volume[offset + start + i]);
            }
            data.write(chunk.array(), 0, n * 8);
        }
        written++;
    }

    /** Finishes the file and renames it onto the target. */
    public void commit() throws IOException {
        if (written != header.nt()) {
            throw new IllegalStateException(location + ": " + written + " of " + header.nt()
                    + " volumes written; nothing committed");
        }
        if (data instanceof ParallelGzipOutputStream gz) {
            gz.finish();
        }
        output.commit();
        committed = true;
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed && data instanceof ParallelGzipOutputStream gz) {
            gz.abandon(); // stops its threads and frees the deflaters; the data is discarded anyway
        }
        output.close();
    }
}
