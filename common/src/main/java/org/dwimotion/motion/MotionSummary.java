package org.dwimotion.motion;

/**
 * Series-level motion figures, as reported in the QC report and the {@code _desc-hmc_dwi.json} sidecar.
 *
 * @param meanFd            mean framewise displacement over volumes 1..N−1, mm (0 for a single volume)
 * @param maxFd             largest framewise displacement, mm
 * @param maxTranslation    largest |trans_x|, |trans_y| or |trans_z| over all volumes, mm
 * @param maxRotation       largest |rot_x|, |rot_y| or |rot_z| over all volumes, radians
 * @param meanRmsRef        mean RMS displacement relative to the reference, mm
 * @param maxRmsRef         largest RMS displacement relative to the reference, mm
 * @param flagged           volumes whose FD exceeds the threshold, ascending
 * @param notConverged      volumes whose registration did not converge, ascending
 * @param fdThreshold       the FD threshold, mm
 */
public record MotionSummary(double meanFd, double maxFd, double maxTranslation, double maxRotation,
                            double meanRmsRef, double maxRmsRef, int[] flagged, int[] notConverged,
                            double fdThreshold) {

    public static MotionSummary of(MotionTable t) {
        int n = t.size();
        double sumFd = 0, maxFd = 0, maxT = 0, maxR = 0, sumRms = 0, maxRms = 0;
        for (int v = 0; v < n; v++) {
            if (v > 0) {
                sumFd += t.fd()[v];
                maxFd = Math.max(maxFd, t.fd()[v]);
            }
            for (int a = 0; a < 6; a++) {
                double x = Math.abs(t.parameter(v, a));
                if (a < 3) {
                    maxT = Math.max(maxT, x);
                } else {
                    maxR = Math.max(maxR, x);
                }
            }
            sumRms += t.rmsRef()[v];
            maxRms = Math.max(maxRms, t.rmsRef()[v]);
        }
        int[] notConverged = java.util.stream.IntStream.range(0, n).filter(v -> !t.diagnostics().converged(v))
                .toArray();
        return new MotionSummary(n > 1 ? sumFd / (n - 1) : 0, maxFd, maxT, maxR, sumRms / n, maxRms,
                t.flaggedVolumes(), notConverged, t.fdThreshold());
    }
}
