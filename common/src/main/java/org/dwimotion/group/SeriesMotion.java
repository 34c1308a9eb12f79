package org.dwimotion.group;

/**
 * One series' line of the group summary.
 *
 * @param subject        subject label
 * @param session        session label, or null
 * @param series         series key ({@code sub-01_ses-1})
 * @param volumes        number of volumes
 * @param meanFd         mean framewise displacement over volumes 1..N−1, mm (NaN for one volume)
 * @param maxFd          largest framewise displacement, mm (NaN for one volume)
 * @param maxTranslation largest |trans_x|, |trans_y|, |trans_z| over the volumes, mm
 * @param maxRotation    largest |rot_x|, |rot_y|, |rot_z| over the volumes, radians
 * @param flagged        volumes with FD above the threshold
 * @param notConverged   volumes whose registration did not converge
 */
public record SeriesMotion(String subject, String session, String series, int volumes, double meanFd, double maxFd,
                           double maxTranslation, double maxRotation, int flagged, int notConverged) {

    /**
     * The summary of one series from its motion parameters (what the Spark SQL aggregation of the volume table
     * computes; kept here as the reference the aggregation is tested against).
     *
     * @param parameters N×6 {@code trans_x, trans_y, trans_z, rot_x, rot_y, rot_z}, mm and radians. Not modified.
     * @param fd         N framewise displacements, mm, the first NaN. Not modified.
     * @param converged  N convergence flags. Not modified.
     */
    public static SeriesMotion of(String subject, String session, String series, double[] parameters, double[] fd,
                                  boolean[] converged, double fdThreshold) {
        int n = fd.length;
        double sum = 0, max = Double.NaN, maxT = 0, maxR = 0;
        int counted = 0, flagged = 0, notConverged = 0;
        for (int v = 0; v < n; v++) {
            if (Double.isFinite(fd[v])) {
                sum += fd[v];
                counted++;
                max = Double.isNaN(max) ? fd[v] : Math.max(max, fd[v]);
                flagged += fd[v] > fdThreshold ? 1 : 0;
            }
            for (int a = 0; a < 3; a++) {
                maxT = Math.max(maxT, Math.abs(parameters[6 * v + a]));
                maxR = Math.max(maxR, Math.abs(parameters[6 * v + 3 + a]));
            }
            notConverged += converged[v] ? 0 : 1;
        }
        return new SeriesMotion(subject, session, series, n, counted == 0 ? Double.NaN : sum / counted, max, maxT,
                maxR, flagged, notConverged);
    }
}
