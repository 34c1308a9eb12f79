package org.dwimotion.bids;

import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.motion.RegistrationDiagnostics;
import org.dwimotion.report.RunInfo;

/**
 * Everything the outputs of one processed series are made from.
 *
 * @param inputLocation    the input NIfTI as given (its file name gives the BIDS entities and {@code Sources})
 * @param geometry         the reference grid: the grid of the corrected series, mask and dwiref
 * @param transforms       N×16 row-major fixed → moving affines, world RAS mm, flattened: volume v's
 *                         reference point x is found at {@code T_v·x} in the observed volume v. Not copied.
 * @param diagnostics      per-volume registration outcome
 * @param gradients        the gradient table as acquired (FSL frame)
 * @param rotatedGradients the table after reorientation, or null to compute it here with
 *                         {@link GradientTable#reoriented}
 * @param mask             brain mask on {@code geometry} (nonzero = brain)
 * @param reference        the mean aligned b=0 image on {@code geometry} ({@code _dwiref})
 * @param inputType        the input's datatype: the corrected series is written as int16 when the input was
 *                         int16 and every corrected value is an integer in range (lossless), else float32
 * @param volumes          fetches observed, predicted and corrected volumes
 * @param run              model, fit, iterations, timings, version and command line
 */
public record SeriesResult(String inputLocation, ImageGeometry geometry, double[] transforms,
                           RegistrationDiagnostics diagnostics, GradientTable gradients,
                           GradientTable rotatedGradients, Image3D mask, Image3D reference,
                           NiftiDataType inputType, VolumeSource volumes, RunInfo run) {
    public SeriesResult {
        if (inputLocation == null || geometry == null || transforms == null || diagnostics == null
                || gradients == null || mask == null || reference == null || inputType == null || volumes == null
                || run == null) {
            throw new IllegalArgumentException("series result: only rotatedGradients may be null");
        }
        int n = gradients.size();
        if (transforms.length != 16 * n) {
            throw new IllegalArgumentException(inputLocation + ": " + transforms.length / 16.0 + " transforms for "
                    + n + " volumes");
        }
        if (diagnostics.size() != n) {
            throw new IllegalArgumentException(inputLocation + ": " + diagnostics.size()
                    + " registration results for " + n + " volumes");
        }
        if (rotatedGradients != null && rotatedGradients.size() != n) {
            throw new IllegalArgumentException(inputLocation + ": rotated gradient table has "
                    + rotatedGradients.size() + " entries for " + n + " volumes");
        }
        for (double x : transforms) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(inputLocation + ": a transform holds a non-finite value");
            }
        }
        if (!mask.geometry().sameGrid(geometry, 1e-6) || !reference.geometry().sameGrid(geometry, 1e-6)) {
            throw new IllegalArgumentException(inputLocation + ": mask and reference must lie on the reference grid");
        }
    }

    /** Number of volumes. */
    public int size() {
        return gradients.size();
    }

    /** Volume v's transform (a copy). */
    public double[] transform(int v) {
        double[] t = new double[16];
        System.arraycopy(transforms, 16 * v, t, 0, 16);
        return t;
    }

    /** The reoriented table: {@link #rotatedGradients} when given, else computed from the transforms. */
    public GradientTable rotated() {
        if (rotatedGradients != null) {
            return rotatedGradients;
        }
        double[][] split = new double[size()][];
        for (int v = 0; v < size(); v++) {
            split[v] = transform(v);
        }
        return gradients.reoriented(geometry, split);
    }
}
