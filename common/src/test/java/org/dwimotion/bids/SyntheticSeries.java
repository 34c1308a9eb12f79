package org.dwimotion.bids;

import java.util.List;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.motion.RegistrationDiagnostics;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.report.RunInfo;
import org.dwimotion.report.StageTiming;
import org.dwimotion.resample.Interpolation;
import org.dwimotion.resample.Resampler;
import org.dwimotion.sim.MotionModel;
import org.dwimotion.sim.MotionTrajectory;
import org.dwimotion.sim.RigidMotion;

/**
 * A small synthetic processed series for output tests: a smooth blob on an oblique grid, truth rigid motion
 * standing in for the estimated transforms, observed volumes made by moving the blob, the blob itself as
 * prediction and corrected volume. No registration runs, so tests are fast and exact.
 */
final class SyntheticSeries {
    static final int NX = 18, NY = 20, NZ = 14;

    private SyntheticSeries() {
    }

    /** An oblique grid with a positive determinant (the FSL x flip applies). */
    static ImageGeometry grid() {
        double c = Math.cos(0.2), s = Math.sin(0.2);
        return new ImageGeometry(NX, NY, NZ, new double[] {
                2 * c, -2 * s, 0, -20,
                2 * s, 2 * c, 0, -24,
                0, 0, 2.5, -15,
                0, 0, 0, 1});
    }

    static GradientTable gradients() {
        int n = 10;
        double[] b = new double[n];
        double[] g = new double[3 * n];
        for (int v = 0; v < n; v++) {
            b[v] = v % 5 == 0 ? 0 : 1000;
            if (b[v] > 0) {
                double th = 0.7 * v, ph = 1.3 * v;
                g[3 * v] = Math.sin(th) * Math.cos(ph);
                g[3 * v + 1] = Math.sin(th) * Math.sin(ph);
                g[3 * v + 2] = Math.cos(th);
            }
        }
        return GradientTable.of(b, g);
    }

    static RigidMotion[] motion(int n, boolean still) {
        if (still) {
            RigidMotion[] m = new RigidMotion[n];
            java.util.Arrays.fill(m, RigidMotion.IDENTITY);
            return m;
        }
        return MotionTrajectory.generate(n, 2.0, Math.toRadians(3), 2, 5L).motion();
    }

    static double[] transforms(RigidMotion[] m, ImageGeometry g) {
        double[] t = new double[16 * m.length];
        for (int v = 0; v < m.length; v++) {
            System.arraycopy(MotionModel.rigidAffine(m[v], g.fieldOfViewCentre()), 0, t, 16 * v, 16);
        }
        return t;
    }

    static Image3D blob(ImageGeometry g, boolean integral) {
        float[] d = new float[g.numVoxels()];
        double[] p = new double[3];
        double[] c = g.fieldOfViewCentre();
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    g.indexToWorld(i, j, k, p);
                    double r2 = sq(p[0] - c[0] - 3) / 150 + sq(p[1] - c[1]) / 220 + sq(p[2] - c[2] + 2) / 90;
                    double v = 1000 * Math.exp(-r2) + 300 * Math.exp(-(sq(p[0] - c[0] + 6) + sq(p[1] - c[1] - 5)) / 20);
                    d[g.index(i, j, k)] = integral ? Math.round(v) : (float) v;
                }
            }
        }
        return new Image3D(g, d);
    }

    static SeriesResult result(String input, boolean still, boolean integral, TransformType type) {
        ImageGeometry g = grid();
        GradientTable grads = gradients();
        int n = grads.size();
        double[] t = transforms(motion(n, still), g);
        Image3D blob = blob(g, integral);
        float[] m = new float[g.numVoxels()];
        for (int i = 0; i < m.length; i++) {
            m[i] = blob.data()[i] > 100 ? 1 : 0;
        }
        double[] metric = new double[n];
        for (int v = 0; v < n; v++) {
            metric[v] = 0.02 + 0.001 * v;
        }
        VolumeSource volumes = new VolumeSource() {
            @Override
            public Image3D observed(int v) {
                double[] inv = org.dwimotion.image.Affines.invert(java.util.Arrays.copyOfRange(t, 16 * v, 16 * v + 16));
                return Resampler.resample(blob, g, inv, Interpolation.LINEAR, 0f);
            }

            @Override
            public Image3D predicted(int v) {
                return blob;
            }

            @Override
            public Image3D corrected(int v) {
                return blob;
            }
        };
        RunInfo run = new RunInfo("0.1.0-test", "dwimotion run --input " + input + " --output out", "DKI", "WLS", 2,
                type, List.of(new StageTiming("read", 0.5), new StageTiming("fit+predict", 3.25),
                        new StageTiming("register", 7.5), new StageTiming("write", 0.75)));
        return new SeriesResult(input, g, t, RegistrationDiagnostics.allConverged(metric), grads, null,
                new Image3D(g, m), blob, integral ? NiftiDataType.INT16 : NiftiDataType.FLOAT32, volumes, run);
    }

    private static double sq(double x) {
        return x * x;
    }
}
