package org.dwimotion.io.nifti;

import java.io.IOException;
import org.dwimotion.image.Image3D;

/**
 * Reads NIfTI-1 and NIfTI-2 images ({@code .nii}, {@code .nii.gz}; either byte order; datatypes of
 * {@link NiftiDataType}) from local paths or Hadoop locations (see {@link org.dwimotion.io.Locations}).
 *
 * <p>Values are returned scaled by {@code scl_slope}/{@code scl_inter} (no scaling when the slope is
 * 0 or NaN). 4-D data are volume-major, {@code voxel + nVox * t}, voxel x-fastest. Every method has a
 * variant taking {@link NiftiReadOptions} (storage, size limit, non-finite policy); the others use
 * {@link NiftiReadOptions#defaults()}. Problems with the file's content raise
 * {@link NiftiFormatException}, whose message starts with the location.
 *
 * <p>Memory: {@link #read} and {@link #readAllAsDouble} hold the whole series; {@link #readVolume},
 * {@link NiftiVolumeStream} and {@link #readVoxels}/{@link #readVoxelChunks} hold one volume at a time.
 */
public final class NiftiReader {
    private NiftiReader() {
    }

    public static NiftiHeader readHeader(String location) throws IOException {
        return readHeader(location, NiftiReadOptions.defaults());
    }

    /** The validated header (size limit included), without reading voxel data. */
    public static NiftiHeader readHeader(String location, NiftiReadOptions options) throws IOException {
        try (NiftiVolumeStream s = NiftiVolumeStream.open(location, options)) {
            return s.header();
        }
    }

    /** Opens a volume-by-volume stream (see {@link NiftiVolumeStream}). */
    public static NiftiVolumeStream openVolumes(String location, NiftiReadOptions options) throws IOException {
        return NiftiVolumeStream.open(location, options);
    }

    public static NiftiImage read(String location) throws IOException {
        return read(location, NiftiReadOptions.defaults());
    }

    /** The whole image, scaled, as float32, volume-major. */
    public static NiftiImage read(String location, NiftiReadOptions options) throws IOException {
        try (NiftiVolumeStream s = NiftiVolumeStream.open(location, options)) {
            NiftiHeader h = s.header();
            int nVox = h.voxelsPerVolume();
            float[] data = new float[wholeLength(location, h)];
            for (int t = 0; t < h.nt(); t++) {
                s.read(data, t * nVox);
            }
            return new NiftiImage(h, h.geometry(), h.nt(), data, s.nonFiniteCount());
        }
    }

    public static double[] readAllAsDouble(String location) throws IOException {
        return readAllAsDouble(location, NiftiReadOptions.defaults());
    }

    /** The whole image, scaled, as float64, volume-major {@code voxel + nVox * t}. */
    public static double[] readAllAsDouble(String location, NiftiReadOptions options) throws IOException {
        try (NiftiVolumeStream s = NiftiVolumeStream.open(location, options)) {
            NiftiHeader h = s.header();
            int nVox = h.voxelsPerVolume();
            double[] data = new double[wholeLength(location, h)];
            for (int t = 0; t < h.nt(); t++) {
                s.read(data, t * nVox);
            }
            return data;
        }
    }

    public static Image3D readVolume(String location, int t) throws IOException {
        return readVolume(location, t, NiftiReadOptions.defaults());
    }

    /** Volume {@code t} (0-based) as a 3-D image; earlier volumes are skipped, later ones not read. */
    public static Image3D readVolume(String location, int t, NiftiReadOptions options) throws IOException {
        try (NiftiVolumeStream s = NiftiVolumeStream.open(location, options)) {
            NiftiHeader h = s.header();
            if (t < 0 || t >= h.nt()) {
                throw new IndexOutOfBoundsException(location + ": volume " + t + " requested, the image has "
                        + h.nt());
            }
            s.skip(t);
            float[] data = new float[h.voxelsPerVolume()];
            s.read(data, 0);
            return new Image3D(h.geometry(), data);
        }
    }

    public static float[] readVoxels(String location, int[] voxels) throws IOException {
        return readVoxels(location, voxels, NiftiReadOptions.defaults());
    }

    /**
     * All volumes of a subset of voxels, streaming the file once.
     *
     * @param voxels K linear voxel indices (x-fastest), any order, repeats allowed. Not modified.
     * @return K·N values, voxel-major: {@code k * N + t}
     */
    public static float[] readVoxels(String location, int[] voxels, NiftiReadOptions options) throws IOException {
        return readVoxelChunks(location, new int[][] {voxels}, options)[0];
    }

    public static float[][] readVoxelChunks(String location, int[][] chunks) throws IOException {
        return readVoxelChunks(location, chunks, NiftiReadOptions.defaults());
    }

    /**
     * Several voxel-major chunks in one pass over the file: chunk c gets {@code chunks[c].length · N}
     * values at {@code k * N + t}. One volume is held in memory at a time besides the results.
     *
     * @param chunks linear voxel indices per chunk. Not modified.
     */
    public static float[][] readVoxelChunks(String location, int[][] chunks, NiftiReadOptions options)
            throws IOException {
        try (NiftiVolumeStream s = NiftiVolumeStream.open(location, options)) {
            NiftiHeader h = s.header();
            int nVox = h.voxelsPerVolume();
            int nt = h.nt();
            float[][] out = new float[chunks.length][];
            for (int c = 0; c < chunks.length; c++) {
                for (int v : chunks[c]) {
                    if (v < 0 || v >= nVox) {
                        throw new IndexOutOfBoundsException(location + ": voxel index " + v + " outside 0.."
                                + (nVox - 1));
                    }
                }
                out[c] = new float[Math.multiplyExact(chunks[c].length, nt)];
            }
            float[] volume = new float[nVox];
            for (int t = 0; t < nt; t++) {
                s.read(volume, 0);
                for (int c = 0; c < chunks.length; c++) {
                    int[] idx = chunks[c];
                    float[] dst = out[c];
                    for (int k = 0; k < idx.length; k++) {
                        dst[k * nt + t] = volume[idx[k]];
                    }
                }
            }
            return out;
        }
    }

    private static int wholeLength(String location, NiftiHeader h) throws NiftiFormatException {
        long n = (long) h.voxelsPerVolume() * h.nt();
        if (n > Integer.MAX_VALUE - 8) {
            throw new NiftiFormatException(location, NiftiVolumeStream.describeDims(h)
                    + " is too large for one array; read it volume by volume (NiftiVolumeStream)");
        }
        return (int) n;
    }
}
