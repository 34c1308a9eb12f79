package org.dwimotion.motion;

/**
 * Summary of point displacements between two transforms (mm).
 *
 * @param mean   mean displacement (mm)
 * @param median median displacement (mm); the mean of the two middle values for an even count
 * @param max    largest displacement (mm)
 * @param count  number of points compared
 */
public record DisplacementStats(double mean, double median, double max, int count) {
}
