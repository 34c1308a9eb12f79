package org.dwimotion.bids;

import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;
import org.dwimotion.io.nifti.NiftiWriteOptions;
import org.dwimotion.motion.MotionTable;

/**
 * How a series' outputs are written.
 *
 * @param storage        where locations resolve (default {@link Locations#storage()})
 * @param fdThresholdMm  framewise displacement above which a volume is flagged (default 0.5 mm)
 * @param worstVolumes   volumes with the largest FD shown in the report (default 3)
 * @param typicalVolumes volumes with a median FD shown in the report (default 2)
 * @param mosaicSlices   axial slices per mosaic panel (default 3)
 * @param bidsLayout     true (default): files go to {@code <root>/sub-X[/ses-Y]/dwi/}; false: into
 *                       {@code <root>} itself
 * @param writeSeries    whether to write {@code _desc-preproc_dwi.nii.gz} from {@link VolumeSource#corrected}
 *                       (default true; false when the caller writes the series itself)
 * @param gzipLevel      deflate level of the NIfTI outputs, 0..9 (default 1)
 */
public record OutputOptions(Storage storage, double fdThresholdMm, int worstVolumes, int typicalVolumes,
                            int mosaicSlices, boolean bidsLayout, boolean writeSeries, int gzipLevel) {
    public OutputOptions {
        if (storage == null) {
            throw new IllegalArgumentException("storage is required");
        }
        if (!(fdThresholdMm > 0) || Double.isInfinite(fdThresholdMm)) {
            throw new IllegalArgumentException("FD threshold must be a finite value > 0 mm: " + fdThresholdMm);
        }
        if (worstVolumes < 0 || typicalVolumes < 0 || mosaicSlices < 1) {
            throw new IllegalArgumentException("mosaic counts must be >= 0 and slices >= 1");
        }
        if (gzipLevel < 0 || gzipLevel > 9) {
            throw new IllegalArgumentException("gzip level must be 0..9: " + gzipLevel);
        }
    }

    public static OutputOptions defaults() {
        return new OutputOptions(Locations.storage(), MotionTable.DEFAULT_FD_THRESHOLD_MM, 3, 2, 3, true, true, 1);
    }

    public OutputOptions withStorage(Storage s) {
        return new OutputOptions(s, fdThresholdMm, worstVolumes, typicalVolumes, mosaicSlices, bidsLayout,
                writeSeries, gzipLevel);
    }

    public OutputOptions withFdThreshold(double mm) {
        return new OutputOptions(storage, mm, worstVolumes, typicalVolumes, mosaicSlices, bidsLayout, writeSeries,
                gzipLevel);
    }

    public OutputOptions withBidsLayout(boolean b) {
        return new OutputOptions(storage, fdThresholdMm, worstVolumes, typicalVolumes, mosaicSlices, b, writeSeries,
                gzipLevel);
    }

    public OutputOptions withWriteSeries(boolean b) {
        return new OutputOptions(storage, fdThresholdMm, worstVolumes, typicalVolumes, mosaicSlices, bidsLayout, b,
                gzipLevel);
    }

    NiftiWriteOptions nifti() {
        return NiftiWriteOptions.defaults().withStorage(storage).withGzipLevel(gzipLevel);
    }
}
