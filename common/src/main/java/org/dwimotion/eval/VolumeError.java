package org.dwimotion.eval;

/**
 * How far one volume's estimated transform is from the truth, after the common offset is removed.
 *
 * @param volume        0-based volume index
 * @param volumeClass   its class name ({@code b0}, {@code b1000}, …)
 * @param bval          b-value, s/mm²
 * @param reference     true for the truth's reference volume (identity by construction; left out of the summaries)
 * @param meanMm        mean over the mask of the point displacement error {@code |T_est·C(x) − T_true(x)|}
 *                      (see {@link MotionEvaluation}): the volume's displacement error, mm
 * @param medianMm      median over the mask, mm
 * @param maxMm         largest over the mask, mm
 * @param translationMm length of the translation of the residual transform at the rotation centre, mm
 * @param rotationDeg   angle of the rotation of the residual transform, degrees
 */
public record VolumeError(int volume, String volumeClass, double bval, boolean reference, double meanMm,
                          double medianMm, double maxMm, double translationMm, double rotationDeg) {
}
