package org.dwimotion.bids;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dwimotion.io.Locations;
import org.dwimotion.motion.AffineDecomposition;
import org.dwimotion.motion.FramewiseDisplacement;
import org.dwimotion.motion.MotionSummary;
import org.dwimotion.motion.MotionTable;
import org.dwimotion.report.RunInfo;
import org.dwimotion.report.StageTiming;

/** The JSON texts of a BIDS derivative dataset written by dwimotion. */
public final class DerivativeSidecars {
    /** The BIDS version the outputs follow. */
    public static final String BIDS_VERSION = "1.9.0";
    public static final String SOFTWARE = "dwimotion";

    private DerivativeSidecars() {
    }

    /** {@code dataset_description.json} at the output root. */
    public static String datasetDescription(RunInfo run) {
        return datasetDescription(run.softwareVersion(), run.commandLine());
    }

    /** {@code dataset_description.json} of a derivative dataset made by this version with this command line. */
    public static String datasetDescription(String softwareVersion, String commandLine) {
        Map<String, Object> gen = new LinkedHashMap<>();
        gen.put("Name", SOFTWARE);
        gen.put("Version", softwareVersion);
        gen.put("Description", "Leave-one-volume-out head-motion and eddy-current correction of diffusion MRI");
        gen.put("CommandLine", commandLine);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Name", "dwimotion outputs");
        d.put("BIDSVersion", BIDS_VERSION);
        d.put("DatasetType", "derivative");
        d.put("GeneratedBy", List.of(gen));
        return Json.write(d);
    }

    /** {@code _desc-preproc_dwi.json}: the corrected series' sidecar. */
    public static String preprocSidecar(String inputLocation, boolean int16) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Description", "Diffusion series corrected for head motion (and eddy-current distortion in affine "
                + "mode), each volume resampled once onto the dwiref grid with cubic B-spline interpolation");
        d.put("Sources", List.of("bids:raw:" + Locations.fileName(inputLocation)));
        d.put("SkullStripped", false);
        d.put("ResamplingMethod", "cubic B-spline (prefiltered, mirror boundary)");
        d.put("DataType", int16 ? "int16 (lossless)" : "float32");
        d.put("GradientReorientation", "b-vectors rotated by each volume's rotation (R^T g), FSL frame");
        return Json.write(d);
    }

    /** {@code _desc-hmc_motion.json}: descriptions and units of the motion TSV columns. */
    public static String motionColumns(MotionTable table) {
        Map<String, Object> d = new LinkedHashMap<>();
        String rigid = "of the rigid part of volume v's fixed -> moving transform T(x) = R(x - c) + c + t, "
                + "R = Rz*Ry*Rx, c = RotationCentre of the _desc-hmc_dwi.json sidecar (world RAS mm)"
                + (table.eddy() != null ? "; affine runs: T = E(G(x)) with G that rigid part and E the eddy "
                + "displacement of the eddy_* columns" : "");
        String[] axes = {"x", "y", "z"};
        for (int a = 0; a < 3; a++) {
            d.put("trans_" + axes[a], column("Translation along world RAS " + axes[a] + ", " + rigid, "mm"));
        }
        for (int a = 0; a < 3; a++) {
            d.put("rot_" + axes[a], column("Right-handed rotation about world RAS " + axes[a] + ", " + rigid, "rad"));
        }
        d.put("framewise_displacement", column("Power et al. (2012): sum of absolute differences from the previous "
                + "volume of the translations plus " + (int) FramewiseDisplacement.RADIUS_MM + " mm times the sum of "
                + "absolute differences of the rotations; n/a for the first volume", "mm"));
        d.put("rms_displacement_ref", column("Root-mean-square displacement over the brain-mask voxels between "
                + "this volume's transform and the identity (as FSL eddy's movement RMS, relative to the reference)",
                "mm"));
        d.put("rms_displacement_prev", column("Root-mean-square displacement over the brain-mask voxels between "
                + "this volume's transform and the previous volume's (0 for the first volume)", "mm"));
        Map<String, Object> outlier = column("1 when framewise_displacement exceeds the threshold, else 0", null);
        outlier.put("Threshold", table.fdThreshold());
        outlier.put("ThresholdUnits", "mm");
        d.put("fd_outlier", outlier);
        d.put("bval", column("b-value as acquired", "s/mm^2"));
        for (String a : axes) {
            d.put("grad_" + a, column("Gradient direction " + a + " component as acquired, FSL/BIDS frame (the "
                    + "input .bvec); the rotated directions are in _desc-preproc_dwi.bvec", null));
        }
        d.put("registration_metric", column("Final normalised registration metric (0 = perfect match; n/a when the "
                + "registration failed)", null));
        d.put("registration_converged", column("1 when every resolution level stopped on a convergence rule", null));
        d.put("registration_status", column("Outcome: CONVERGED, MAX_ITERATIONS, EMPTY_MASK, CONSTANT_FIXED, "
                + "CONSTANT_MOVING, INSUFFICIENT_OVERLAP or NON_FINITE_INPUT", null));
        d.put("registration_iterations", column("Optimiser steps summed over the resolution levels", null));
        if (table.stretch() != null) {
            for (String c : AffineDecomposition.COLUMNS) {
                String ij = c.substring("stretch_".length());
                d.put(c, column("Element " + ij + " of the symmetric stretch P = R^T A of the polar decomposition "
                        + "A = R P of the transform's 3x3 block (world RAS axes; diagonal 1 and off-diagonal 0 "
                        + "when rigid)", null));
            }
        }
        if (table.eddy() != null) {
            for (int a = 0; a < 3; a++) {
                d.put(MotionTable.EDDY_COLUMNS[a], column("Eddy-current coefficient: displacement along the "
                        + "phase-encoding direction u (PhaseEncodingDirectionWorld of the _desc-hmc_dwi.json sidecar) "
                        + "per mm along world RAS " + axes[a] + ", E(y) = y + u (e . (y - c)); 0 for b=0 volumes",
                        null));
            }
        }
        return Json.write(d);
    }

    private static Map<String, Object> column(String description, String units) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Description", description);
        if (units != null) {
            c.put("Units", units);
        }
        return c;
    }

    /**
     * {@code _desc-hmc_dwi.json}: the run's provenance, conventions, summary figures and file list. Written
     * last, so its presence marks a complete series.
     *
     * @param files role → file name relative to the sidecar's folder
     */
    public static String hmcSidecar(SeriesResult r, MotionTable table, double[] centre, Map<String, String> files) {
        MotionSummary s = MotionSummary.of(table);
        RunInfo run = r.run();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Description", "Head-motion correction by dwimotion (leave-one-volume-out)");
        d.put("Sources", List.of("bids:raw:" + Locations.fileName(r.inputLocation())));
        d.put("SoftwareName", SOFTWARE);
        d.put("SoftwareVersion", run.softwareVersion());
        d.put("CommandLine", run.commandLine());
        d.put("Model", run.model());
        d.put("FitMethod", run.fitMethod());
        d.put("Iterations", run.iterations());
        d.put("TransformType", run.transformType().name().toLowerCase(java.util.Locale.ROOT));
        if (run.phaseEncoding() != null) {
            d.put("PhaseEncodingDirectionWorld", run.phaseEncoding().clone());
        }
        d.put("NumberOfVolumes", r.size());
        d.put("RotationCentre", centre.clone());
        d.put("TransformConvention", "fixed -> moving (ITK): volume v's transform maps a point of the dwiref grid "
                + "(world RAS mm) to the same anatomy in the observed volume v; the ITK files hold it in LPS");
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("MeanFramewiseDisplacement", s.meanFd());
        sum.put("MaxFramewiseDisplacement", s.maxFd());
        sum.put("MaxTranslation", s.maxTranslation());
        sum.put("MaxRotation", s.maxRotation());
        sum.put("MeanRmsDisplacementToReference", s.meanRmsRef());
        sum.put("MaxRmsDisplacementToReference", s.maxRmsRef());
        sum.put("FramewiseDisplacementThreshold", s.fdThreshold());
        sum.put("FlaggedVolumes", boxed(s.flagged()));
        sum.put("NotConvergedVolumes", boxed(s.notConverged()));
        sum.put("Units", "mm and radians");
        d.put("Summary", sum);
        Map<String, Object> t = new LinkedHashMap<>();
        for (StageTiming st : run.timings()) {
            t.put(st.stage(), st.seconds());
        }
        d.put("TimingsSeconds", t);
        d.put("Files", new LinkedHashMap<>(files));
        return Json.write(d);
    }

    private static List<Integer> boxed(int[] v) {
        List<Integer> out = new ArrayList<>(v.length);
        for (int x : v) {
            out.add(x);
        }
        return out;
    }
}
