package org.dwimotion.report;

import java.util.List;
import org.dwimotion.registration.method.TransformType;

/**
 * How a series was processed, for the report and the sidecars.
 *
 * @param softwareVersion dwimotion's version
 * @param commandLine     the full command line as run
 * @param model           the diffusion model ("DTI", "DKI")
 * @param fitMethod       the fit method ("OLS", "WLS")
 * @param iterations      LOVO iterations run
 * @param transformType   rigid or affine registration
 * @param timings         per-stage wall-clock times, in run order
 * @param phaseEncoding   affine runs: the unit phase-encoding direction (world RAS) the eddy model displaced along;
 *                        null when there is none (rigid runs)
 */
public record RunInfo(String softwareVersion, String commandLine, String model, String fitMethod, int iterations,
                      TransformType transformType, List<StageTiming> timings, double[] phaseEncoding) {
    /** Without a phase-encoding direction. */
    public RunInfo(String softwareVersion, String commandLine, String model, String fitMethod, int iterations,
                   TransformType transformType, List<StageTiming> timings) {
        this(softwareVersion, commandLine, model, fitMethod, iterations, transformType, timings, null);
    }

    public RunInfo {
        if (softwareVersion == null || commandLine == null || model == null || fitMethod == null
                || transformType == null || timings == null) {
            throw new IllegalArgumentException("run info needs version, command line, model, fit method, transform "
                    + "type and timings");
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0: " + iterations);
        }
        timings = List.copyOf(timings);
        if (phaseEncoding != null && phaseEncoding.length != 3) {
            throw new IllegalArgumentException("the phase-encoding direction needs 3 components");
        }
    }

    /** Sum of the stage times, seconds. */
    public double totalSeconds() {
        return timings.stream().mapToDouble(StageTiming::seconds).sum();
    }
}
