package org.dwimotion.group;

/**
 * How one series of a bulk run ended: a small value the driver keeps instead of any per-series array.
 *
 * @param series  series key ({@code sub-01_ses-1})
 * @param subject subject label
 * @param session session label, or null
 * @param input   the series' image location
 * @param output  the series' output folder
 * @param status  processed, skipped (already complete) or failed
 * @param seconds wall time spent on the series in this run
 * @param volumes volumes of the series, or 0 when unknown (failed early, skipped)
 * @param meanFd  mean framewise displacement, mm; NaN when unknown
 * @param maxFd   max framewise displacement, mm; NaN when unknown
 * @param file    for a failure: the file the error is about (the image when no file is named); else null
 * @param reason  for a failure: the error message, one line; else null
 */
public record SeriesOutcome(String series, String subject, String session, String input, String output, Status status,
                            double seconds, int volumes, double meanFd, double maxFd, String file, String reason) {

    public enum Status { PROCESSED, SKIPPED, FAILED }

    public static SeriesOutcome failed(String series, String subject, String session, String input, String output,
                                       double seconds, String file, String reason) {
        return new SeriesOutcome(series, subject, session, input, output, Status.FAILED, seconds, 0, Double.NaN,
                Double.NaN, file, reason == null ? "unknown error" : reason.replaceAll("[\\r\\n\\t]+", " ").trim());
    }

    public static SeriesOutcome skipped(String series, String subject, String session, String input, String output,
                                        double seconds) {
        return new SeriesOutcome(series, subject, session, input, output, Status.SKIPPED, seconds, 0, Double.NaN,
                Double.NaN, null, null);
    }
}
