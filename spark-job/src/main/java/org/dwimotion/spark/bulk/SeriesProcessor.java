package org.dwimotion.spark.bulk;

import org.dwimotion.bids.DwiSeries;

/**
 * Processes one series into its (absent) output folder, writing every output file including the series' volume
 * rows ({@link org.dwimotion.group.VolumeTable#FILE_NAME}); the caller writes the completion marker afterwards.
 * Called from several driver threads at once.
 */
@FunctionalInterface
public interface SeriesProcessor {

    /**
     * Small figures of a processed series.
     *
     * @param volumes number of volumes
     * @param meanFd  mean framewise displacement, mm
     * @param maxFd   max framewise displacement, mm
     */
    record Processed(int volumes, double meanFd, double maxFd) {
    }

    Processed process(DwiSeries series, String outputFolder) throws Exception;
}
