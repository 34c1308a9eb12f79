package org.dwimotion.motion;

import java.util.Arrays;
import org.dwimotion.Quantiles;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;

/**
 * How far one iteration moved a series' motion estimates: per volume, the mean over the brain mask of
 * {@code |T_after(x) − T_before(x)|} (mm, world RAS; transforms N 4×4 row-major fixed → moving), summarised by the
 * median over the volumes and the largest one.
 *
 * <p>Why: the job logs it after every iteration, so a user sees how the iterations settle. With one model
 * throughout it shrinks as they converge (the 2.5 mm single-shell accuracy series, DTI: 0.21, 0.035, 0.017, 0.018
 * mm median over 4 iterations); a DKI run's last iteration switches from the DTI warm-up to DKI predictions and
 * moves the estimates again (three-shell: 0.30, 0.08, 0.09, then 0.13 mm; docs/accuracy.md, "A third iteration").
 *
 * @param medianMm  median over the volumes of the per-volume mean displacement
 * @param maxMm     the largest per-volume mean displacement
 * @param maxVolume the volume it belongs to (0-based; the first one on ties)
 */
public record EstimateChange(double medianMm, double maxMm, int maxVolume) {

    /**
     * @param before N×16, the estimates an iteration started from. Not modified.
     * @param after  N×16, the estimates it ended with. Not modified.
     * @param mask   brain mask on {@code grid}, nonzero = included. Not modified.
     * @throws IllegalArgumentException when the arrays are not N×16 of the same N ≥ 1, or on a bad mask
     */
    public static EstimateChange between(double[] before, double[] after, ImageGeometry grid, Image3D mask) {
        int n = before.length / 16;
        if (n == 0 || before.length != 16 * n || after.length != before.length) {
            throw new IllegalArgumentException("need two N×16 transform arrays of the same N ≥ 1, got "
                    + before.length + " and " + after.length + " values");
        }
        double[] moved = new double[n];
        int worst = 0;
        for (int v = 0; v < n; v++) {
            moved[v] = DisplacementError.meanBetween(Arrays.copyOfRange(after, 16 * v, 16 * v + 16),
                    Arrays.copyOfRange(before, 16 * v, 16 * v + 16), grid, mask);
            if (moved[v] > moved[worst]) {
                worst = v;
            }
        }
        return new EstimateChange(Quantiles.median(moved), moved[worst], worst);
    }
}
