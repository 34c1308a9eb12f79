package org.dwimotion.pipeline;

import java.io.IOException;
import org.dwimotion.io.nifti.NiftiVolumeStream;

/** The mean of a series' b=0 volumes, streamed: one volume and one accumulator in memory. */
public final class MeanB0Ops {
    private MeanB0Ops() {
    }

    /**
     * Reads the stream from its current position up to the last b=0 volume (later volumes are not read).
     *
     * @param b0Volumes ascending b=0 volume indices, at least one, none before the stream's position
     * @return the voxel-wise mean, x-fastest, summed in volume order in double precision
     */
    public static float[] meanB0(NiftiVolumeStream stream, int[] b0Volumes) throws IOException {
        if (b0Volumes.length == 0) {
            throw new IllegalArgumentException(stream.location() + ": the series has no b=0 volume");
        }
        int nVox = stream.header().voxelsPerVolume();
        double[] sum = new double[nVox];
        float[] volume = new float[nVox];
        for (int t : b0Volumes) {
            stream.skip(t - stream.nextIndex());
            stream.read(volume, 0);
            for (int i = 0; i < nVox; i++) {
                sum[i] += volume[i];
            }
        }
        float[] mean = new float[nVox];
        for (int i = 0; i < nVox; i++) {
            mean[i] = (float) (sum[i] / b0Volumes.length);
        }
        return mean;
    }
}
