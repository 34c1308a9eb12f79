package org.dwimotion.io.nifti;

import java.io.IOException;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;

/**
 * Writes NIfTI-1 (or, by option, NIfTI-2) images in float32 or int16, {@code .nii} or {@code .nii.gz},
 * atomically (temporary name, then rename; nothing is left behind on failure). See
 * {@link NiftiVolumeWriter} for the header written and for volume-by-volume output.
 */
public final class NiftiWriter {
    private NiftiWriter() {
    }

    /** A 3-D image as float32. */
    public static void write(String location, Image3D image) throws IOException {
        write(location, image.geometry(), 1, image.data(), NiftiDataType.FLOAT32);
    }

    public static void write(String location, ImageGeometry geometry, int nt, float[] data, NiftiDataType type)
            throws IOException {
        write(location, geometry, nt, data, type, NiftiWriteOptions.defaults());
    }

    /**
     * A whole image. INT16 output gets the scaling of {@link Int16Scaling#choose} (exact for integer data).
     *
     * @param data nVox·nt values, volume-major {@code voxel + nVox * t}. Not modified.
     * @param type {@link NiftiDataType#FLOAT32} or {@link NiftiDataType#INT16}
     */
    public static void write(String location, ImageGeometry geometry, int nt, float[] data, NiftiDataType type,
                             NiftiWriteOptions options) throws IOException {
        int nVox = geometry.numVoxels();
        if (nt < 1 || (long) nVox * nt != data.length) {
            throw new IllegalArgumentException(location + ": data length " + data.length + " does not match "
                    + geometry.nx() + "x" + geometry.ny() + "x" + geometry.nz() + "x" + nt);
        }
        Int16Scaling scaling = Int16Scaling.IDENTITY;
        if (type == NiftiDataType.INT16) {
            try {
                scaling = Int16Scaling.choose(data);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(location + ": " + e.getMessage(), e);
            }
        }
        try (NiftiVolumeWriter w = NiftiVolumeWriter.open(location, geometry, nt, type, scaling, options)) {
            for (int t = 0; t < nt; t++) {
                w.write(data, t * nVox);
            }
            w.commit();
        }
    }
}
