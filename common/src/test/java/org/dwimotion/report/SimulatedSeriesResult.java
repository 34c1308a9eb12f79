package org.dwimotion.report;

import java.util.Arrays;
import java.util.List;
import org.dwimotion.bids.SeriesResult;
import org.dwimotion.bids.VolumeSource;
import org.dwimotion.gradients.BvecFrames;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.motion.RegistrationDiagnostics;
import org.dwimotion.registration.method.RegistrationStatus;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.resample.Interpolation;
import org.dwimotion.resample.Resampler;
import org.dwimotion.sim.DwiSimulator;
import org.dwimotion.sim.MotionTrajectory;
import org.dwimotion.sim.SimulatedSeries;
import org.dwimotion.sim.SimulationConfig;

/**
 * A processed series made from the simulator, for report tests and the README screenshot: the truth
 * transforms stand in for estimated ones, a still noise-free simulation of the same head is the "prediction",
 * and the observed volumes resampled with the truth (cubic B-spline) are the "corrected" ones.
 */
public final class SimulatedSeriesResult {
    private SimulatedSeriesResult() {
    }

    public static SeriesResult create(String input) {
        SimulationConfig moving = new SimulationConfig(new int[] {40, 48, 36}, 4.5, new double[] {1000, 2000}, 16, 3,
                25, 2.0, 2.0, 2, 0.0, 3L);
        SimulationConfig still = new SimulationConfig(moving.shape(), moving.voxelMm(), moving.shells(),
                moving.directionsPerShell(), moving.b0Count(), 0, 0, 0, 0, 0.0, 3L);
        DwiSimulator sim = new DwiSimulator();
        SimulatedSeries s = sim.simulate(moving);
        int n = s.volumes();
        MotionTrajectory.Result none = MotionTrajectory.generate(n, 0, 0, 0, 1L);
        SimulatedSeries clean = sim.simulate(still, none);
        ImageGeometry g = s.geometry();
        double[] fsl = BvecFrames.worldToFsl(s.scheme().bvecs(), g.voxelToWorld());
        GradientTable grads = GradientTable.of(s.scheme().bvals(), fsl);

        float[] mask = s.phantom().maskImage().data();
        float[] ref = new float[g.numVoxels()];
        int[] b0 = grads.b0Indices();
        for (int v : b0) {
            float[] c = clean.volume(v);
            for (int i = 0; i < ref.length; i++) {
                ref[i] += c[i] / b0.length;
            }
        }
        double[] metric = new double[n];
        RegistrationStatus[] status = new RegistrationStatus[n];
        int[] iterations = new int[n];
        for (int v = 0; v < n; v++) {
            metric[v] = 0.03 + (s.spike()[v] ? 0.05 : 0) + 0.004 * Math.sin(v);
            status[v] = RegistrationStatus.CONVERGED;
            iterations[v] = 20 + v % 7;
        }
        VolumeSource volumes = new VolumeSource() {
            @Override
            public Image3D observed(int v) {
                return new Image3D(g, s.volume(v));
            }

            @Override
            public Image3D predicted(int v) {
                return new Image3D(g, clean.volume(v));
            }

            @Override
            public Image3D corrected(int v) {
                return Resampler.resample(new Image3D(g, s.volume(v)), g, s.transform(v), Interpolation.BSPLINE3, 0f);
            }
        };
        RunInfo run = new RunInfo("0.1.0", "dwimotion run --input " + input + " --output derivatives --model dki",
                "DKI", "WLS", 2, TransformType.RIGID, List.of(new StageTiming("read and mask", 1.8),
                new StageTiming("fit + predict (iteration 1)", 12.4), new StageTiming("register (iteration 1)", 21.7),
                new StageTiming("fit + predict (iteration 2)", 11.9), new StageTiming("register (iteration 2)", 18.3),
                new StageTiming("resample and write", 6.2)));
        return new SeriesResult(input, g, Arrays.copyOf(s.transforms(), s.transforms().length),
                new RegistrationDiagnostics(metric, status, iterations), grads, null, new Image3D(g, mask),
                new Image3D(g, ref), NiftiDataType.INT16, volumes, run);
    }
}
