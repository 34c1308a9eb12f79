package org.dwimotion.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.motion.DisplacementError;
import org.dwimotion.registration.method.ImageRegistrationMethod;
import org.dwimotion.registration.method.RegistrationSettings;
import org.dwimotion.registration.metric.IntensityMatching;
import org.dwimotion.registration.metric.MetricOptions;
import org.dwimotion.registration.metric.RobustLoss;
import org.dwimotion.resample.Interpolation;
import org.dwimotion.resample.Resampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DwiSimulatorTest {
    private static final int[] SHAPE = {24, 28, 24};
    private static SimulatedSeries still;

    @BeforeAll
    static void simulateStillSeries() {
        // point samples: every voxel is then exactly the DKI signal of the truth maps at its centre
        still = new DwiSimulator().simulate(config(0, 0, 0, 0, 0, 1).withVoxelSamples(1));
    }

    static SimulationConfig config(double snr, double maxT, double maxRotDeg, int spikes, double eddy, long seed) {
        return new SimulationConfig(SHAPE, 4.5, new double[] {1000, 2000, 3000}, 15, 3, snr, maxT, maxRotDeg,
                spikes, eddy, seed);
    }

    @Test
    void motionFreeNoiseFreeSeriesFitsBackToItsDkiParameters() {
        ImageGeometry g = still.geometry();
        HeadAnatomy.Maps maps = HeadAnatomy.build(g);
        int n = g.numVoxels(), nVol = still.volumes();
        // design: [row(21), 1] · [D, MD²W, log S0] = log S
        DMatrixRMaj x = new DMatrixRMaj(nVol, 22), y = new DMatrixRMaj(nVol, 1), beta = new DMatrixRMaj(22, 1);
        double[] row = new double[21];
        for (int v = 0; v < nVol; v++) {
            double[] b = still.scheme().bvecs();
            DkiSignalOps.designRow(still.scheme().bvals()[v], b[3 * v], b[3 * v + 1], b[3 * v + 2], row);
            for (int k = 0; k < 21; k++) {
                x.set(v, k, row[k]);
            }
            x.set(v, 21, 1);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        assertTrue(solver.setA(x));
        double[] d = new double[6], w = new double[15], truth = new double[21];
        int fitted = 0;
        for (int voxel : sampleVoxels(maps)) {
            for (int v = 0; v < nVol; v++) {
                y.set(v, 0, Math.log(still.data()[voxel + n * v]));
            }
            solver.solve(y, beta);
            still.phantom().tensorAt(voxel, d);
            still.phantom().kurtosisAt(voxel, w);
            DkiSignalOps.coefficients(d, w, truth);
            for (int k = 0; k < 6; k++) {
                assertEquals(truth[k], beta.get(k), 1e-9, "D element " + k + " at voxel " + voxel);
            }
            for (int k = 6; k < 21; k++) {
                assertEquals(truth[k], beta.get(k), 1e-10, "MD²W element " + (k - 6) + " at voxel " + voxel);
            }
            assertEquals(Math.log(still.phantom().s0()[voxel]), beta.get(21), 1e-5);
            fitted++;
        }
        assertEquals(5, fitted);
    }

    @Test
    void everyVoxelOfTheStillSeriesIsTheDkiSignalOfItsTruthMaps() {
        int n = still.geometry().numVoxels();
        double[] d = new double[6], w = new double[15];
        double worst = 0;
        for (int v = 0; v < still.volumes(); v += 5) {
            double b = still.scheme().bvals()[v];
            double[] g = Arrays.copyOfRange(still.scheme().bvecs(), 3 * v, 3 * v + 3);
            for (int voxel = 0; voxel < n; voxel++) {
                double s0 = still.phantom().s0()[voxel];
                if (s0 == 0) {
                    assertEquals(0, still.data()[voxel + n * v]);
                    continue;
                }
                still.phantom().tensorAt(voxel, d);
                still.phantom().kurtosisAt(voxel, w);
                double expected = DkiSignalOps.signal(s0, d, w, b, g[0], g[1], g[2]);
                worst = Math.max(worst, Math.abs(still.data()[voxel + n * v] - expected) / expected);
            }
        }
        assertTrue(worst < 1e-6, "largest relative difference " + worst);
    }

    /**
     * Why voxels average their volume: a noise-free b=3000 volume shifted by a sub-voxel translation (so its gradient
     * is the reference's) registers back onto the unshifted one, plain SSD, no robust loss, far better than from point
     * samples, whose aliased high-b detail no interpolation reproduces (measured 0.024 against 0.176 mm mean).
     */
    @Test
    void voxelAveragedHighBVolumesRegisterBackOntoTheirReference() {
        assertTrue(shiftedHighBError(SimulationConfig.DEFAULT_VOXEL_SAMPLES) < 0.05);
        assertTrue(shiftedHighBError(1) > 0.1, "point samples no longer alias: the default may be revisited");
    }

    /** Mean over the DWIs of the in-mask displacement error (mm) of registering the shifted volume to the still one. */
    private static double shiftedHighBError(int voxelSamples) {
        SimulationConfig c = new SimulationConfig(SHAPE, 4.5, new double[] {3000}, 6, 1, 0, 0, 0, 0, 0, 1L, voxelSamples);
        int n = c.volumes();
        RigidMotion[] none = new RigidMotion[n], shifted = new RigidMotion[n];
        for (int v = 0; v < n; v++) {
            none[v] = new RigidMotion(0, 0, 0, 0, 0, 0);
            shifted[v] = v == 0 ? none[v] : new RigidMotion(1.67, -1.26, 0.86, 0, 0, 0);
        }
        DwiSimulator sim = new DwiSimulator();
        SimulatedSeries ref = sim.simulate(c, new MotionTrajectory.Result(none, new boolean[n]));
        SimulatedSeries moved = sim.simulate(c, new MotionTrajectory.Result(shifted, new boolean[n]));
        ImageGeometry g = ref.geometry();
        int nv = g.numVoxels();
        Image3D mask = ref.phantom().maskImage();
        RegistrationSettings plainSsd = new RegistrationSettings().setMetricOptions(new MetricOptions(RobustLoss.NONE,
                MetricOptions.DEFAULT_TUKEY_THRESHOLD, IntensityMatching.NONE, MetricOptions.DEFAULT_MINIMUM_OVERLAP));
        double sum = 0;
        for (int v = 1; v < n; v++) {
            double[] est = new ImageRegistrationMethod(plainSsd).register(
                    new Image3D(g, Arrays.copyOfRange(ref.data(), nv * v, nv * (v + 1))),
                    new Image3D(g, Arrays.copyOfRange(moved.data(), nv * v, nv * (v + 1))), mask).fixedToMoving();
            sum += DisplacementError.between(est, moved.transform(v), g, mask).mean();
        }
        return sum / (n - 1);
    }

    /** A pure white-matter, grey-matter and CSF voxel, and two partial-volume ones. */
    private static List<Integer> sampleVoxels(HeadAnatomy.Maps maps) {
        int[] pick = {-1, -1, -1, -1, -1};
        for (int v = 0; v < maps.wm().length; v++) {
            float wm = maps.wm()[v], gm = maps.gm()[v], csf = maps.csf()[v];
            if (pick[0] < 0 && wm > 0.999f) pick[0] = v;
            if (pick[1] < 0 && gm > 0.999f) pick[1] = v;
            if (pick[2] < 0 && csf > 0.999f) pick[2] = v;
            if (pick[3] < 0 && wm > 0.3f && gm > 0.3f) pick[3] = v;
            if (pick[4] < 0 && csf > 0.3f && csf < 0.7f && wm + gm > 0.2f) pick[4] = v;
        }
        List<Integer> out = new ArrayList<>();
        for (int p : pick) {
            assertTrue(p >= 0, "phantom lacks one of the sample tissue mixtures: " + Arrays.toString(pick));
            out.add(p);
        }
        return out;
    }

    @Test
    void phantomHasTissuesAndVentricles() {
        HeadAnatomy.Maps maps = HeadAnatomy.build(still.geometry());
        double wm = 0, gm = 0, csf = 0;
        for (int v = 0; v < maps.wm().length; v++) {
            wm += maps.wm()[v];
            gm += maps.gm()[v];
            csf += maps.csf()[v];
            assertTrue(maps.wm()[v] + maps.gm()[v] + maps.csf()[v] <= 1 + 1e-6);
        }
        assertTrue(wm > gm && gm > csf && csf > 0, "wm " + wm + ", gm " + gm + ", csf " + csf);
        // the centre of a lateral ventricle is CSF
        ImageGeometry g = still.geometry();
        double[] idx = new double[3];
        double[] c = g.fieldOfViewCentre();
        g.worldToIndex(c[0] + 0.10 * 12 * 4.5, c[1], c[2] + 0.12 * 12 * 4.5, idx);
        int v = g.index((int) Math.round(idx[0]), (int) Math.round(idx[1]), (int) Math.round(idx[2]));
        assertTrue(maps.csf()[v] > 0.5, "ventricle CSF fraction " + maps.csf()[v]);
        // background corner is empty
        assertEquals(0, still.data()[0]);
        float[] mask = still.phantom().maskImage().data();
        for (int i = 0; i < mask.length; i++) {
            assertEquals(still.phantom().mask()[i], mask[i], 0);
        }
    }

    /** Volume 0 still; then big and moderate motions on b=0 and diffusion-weighted volumes. */
    private static MotionTrajectory.Result knownMotion(int volumes) {
        RigidMotion[] m = new RigidMotion[volumes];
        for (int v = 0; v < volumes; v++) {
            double s = v == 0 ? 0 : (v % 2 == 0 ? 1 : -0.6);
            m[v] = new RigidMotion(3 * s, -2 * s, 2 * s, Math.toRadians(5 * s), Math.toRadians(-4 * s),
                    Math.toRadians(6 * s));
        }
        return new MotionTrajectory.Result(m, new boolean[volumes]);
    }

    @Test
    void truthTransformMapsImageMomentsOfTheReferenceOntoEachVolume() {
        // For an affine A without intensity modulation, centroid(I∘A⁻¹) = A·centroid(I) and
        // covariance(I∘A⁻¹) = L·covariance(I)·Lᵀ (L the linear part): an interpolation-free check.
        SimulationConfig c = config(0, 0, 0, 0, 0.03, 7);
        SimulatedSeries s = new DwiSimulator().simulate(c, knownMotion(c.volumes()));
        ImageGeometry g = s.geometry();
        PhantomSignal phantom = new PhantomSignal(new HeadAnatomy(g), TissueClass.WHITE_MATTER,
                TissueClass.GREY_MATTER, TissueClass.CSF);
        float[] reference = new float[g.numVoxels()];
        double[] gh = new double[3];
        for (int v = 1; v < s.volumes(); v += 3) {
            double b = s.scheme().bvals()[v];
            double[] sg = Arrays.copyOfRange(s.scheme().bvecs(), 3 * v, 3 * v + 3);
            MotionModel.gradientInHeadFrame(s.motion()[v], sg[0], sg[1], sg[2], gh);
            for (int voxel = 0; voxel < reference.length; voxel++) {
                int i = voxel % g.nx(), j = (voxel / g.nx()) % g.ny(), k = voxel / (g.nx() * g.ny());
                reference[voxel] = (float) phantom.voxelMean(g.voxelToWorld(), i, j, k, c.voxelSamples(), b, gh[0],
                        gh[1], gh[2]);
            }
            double[] ref = moments(reference, g), moved = moments(s.volume(v), g);
            double[] t = s.transform(v);
            double right = momentMismatch(ref, moved, t), wrong = momentMismatch(ref, moved, Affines.invert(t));
            // sampling the 3 mm fissures on 4.5 mm voxels leaves up to 0.20 (the inverse: ~5)
            assertTrue(right < 0.25, "volume " + v + ": moments mismatch " + right + " (inverse " + wrong + ")");
            assertTrue(wrong > 20 * right, "volume " + v + ": moments mismatch " + right + " vs inverse " + wrong);
        }
    }

    @Test
    void truthTransformBringsEachMovedVolumeBackOntoTheReference() {
        SimulationConfig c = config(0, 0, 0, 0, 0.03, 7);
        SimulatedSeries s = new DwiSimulator().simulate(c, knownMotion(c.volumes()));
        ImageGeometry g = s.geometry();
        float[] reference = s.volume(0);
        int checked = 0;
        for (int v = 1; v < s.volumes(); v++) {
            if (s.scheme().bvals()[v] != 0) {
                continue;
            }
            float[] moved = s.volume(v);
            // out(x) = moved(T·x): the truth transform maps reference points into volume v
            double right = rmsInMask(resample(moved, g, s.transform(v)), reference, s.phantom().mask());
            double wrong = rmsInMask(resample(moved, g, Affines.invert(s.transform(v))), reference, s.phantom().mask());
            double before = rmsInMask(moved, reference, s.phantom().mask());
            // what is left is cubic B-spline interpolation error at the tissue edges
            assertTrue(right < 0.1 * TissueClass.WHITE_MATTER.s0() && right < 0.3 * before && right < 0.3 * wrong,
                    "volume " + v + ": right " + right + ", before " + before + ", inverse " + wrong);
            checked++;
        }
        assertEquals(2, checked);
    }

    /** Intensity-weighted centroid (3) and covariance (9, row-major) in world mm. */
    private static double[] moments(float[] image, ImageGeometry g) {
        double[] p = new double[3], sum = new double[3], outer = new double[9];
        double mass = 0;
        for (int voxel = 0; voxel < image.length; voxel++) {
            double w = image[voxel];
            if (w == 0) {
                continue;
            }
            g.indexToWorld(voxel % g.nx(), (voxel / g.nx()) % g.ny(), voxel / (g.nx() * g.ny()), p);
            mass += w;
            for (int a = 0; a < 3; a++) {
                sum[a] += w * p[a];
                for (int b = 0; b < 3; b++) {
                    outer[3 * a + b] += w * p[a] * p[b];
                }
            }
        }
        double[] out = new double[12];
        for (int a = 0; a < 3; a++) {
            out[a] = sum[a] / mass;
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                out[3 + 3 * a + b] = outer[3 * a + b] / mass - out[a] * out[b];
            }
        }
        return out;
    }

    /** Centroid error (mm) plus covariance error relative to its norm, predicting moved from ref through t. */
    private static double momentMismatch(double[] ref, double[] moved, double[] t) {
        double[] c = new double[3];
        Affines.apply(t, ref[0], ref[1], ref[2], c);
        double centroid = Math.sqrt(sq(c[0] - moved[0]) + sq(c[1] - moved[1]) + sq(c[2] - moved[2]));
        double num = 0, den = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double predicted = 0;
                for (int k = 0; k < 3; k++) {
                    for (int l = 0; l < 3; l++) {
                        predicted += t[4 * a + k] * ref[3 + 3 * k + l] * t[4 * b + l];
                    }
                }
                num += sq(predicted - moved[3 + 3 * a + b]);
                den += sq(moved[3 + 3 * a + b]);
            }
        }
        return centroid + Math.sqrt(num / den);
    }

    private static double sq(double x) {
        return x * x;
    }

    @Test
    void movedDiffusionVolumesCarryTheCounterRotatedGradient() {
        SimulatedSeries s = new DwiSimulator().simulate(config(0, 0, 20, 0, 0, 11));
        ImageGeometry g = s.geometry();
        int n = g.numVoxels();
        HeadAnatomy.Maps maps = HeadAnatomy.build(g);
        double[] p = new double[3], q = new double[3], d = new double[6], w = new double[15], gh = new double[3];
        double errRight = 0, errWrong = 0;
        int count = 0;
        for (int v = 0; v < s.volumes(); v++) {
            double b = s.scheme().bvals()[v];
            if (b == 0) {
                continue;
            }
            float[] back = resample(s.volume(v), g, s.transform(v));
            double[] sg = Arrays.copyOfRange(s.scheme().bvecs(), 3 * v, 3 * v + 3);
            MotionModel.gradientInHeadFrame(s.motion()[v], sg[0], sg[1], sg[2], gh);
            for (int voxel = 0; voxel < n; voxel++) {
                if (!interiorWhiteMatter(maps, g, voxel)) {
                    continue;
                }
                s.phantom().tensorAt(voxel, d);
                s.phantom().kurtosisAt(voxel, w);
                double s0 = s.phantom().s0()[voxel];
                double right = DkiSignalOps.signal(s0, d, w, b, gh[0], gh[1], gh[2]);
                double wrong = DkiSignalOps.signal(s0, d, w, b, sg[0], sg[1], sg[2]);
                errRight += Math.abs(back[voxel] - right);
                errWrong += Math.abs(back[voxel] - wrong);
                count++;
            }
        }
        assertTrue(count > 500, "interior white-matter samples: " + count);
        assertTrue(errRight < 0.1 * errWrong, "mean error with Rᵀg " + errRight / count + ", with g " + errWrong / count);
    }

    @Test
    void sameSeedSameSeriesOtherSeedOtherSeries() {
        SimulationConfig c = config(20, 2, 2, 1, 0.01, 5);
        SimulatedSeries a = new DwiSimulator().simulate(c);
        SimulatedSeries b = new DwiSimulator().simulate(c);
        assertArrayEquals(a.data(), b.data());
        assertArrayEquals(a.transforms(), b.transforms());
        SimulatedSeries other = new DwiSimulator().simulate(config(20, 2, 2, 1, 0.01, 6));
        assertFalse(Arrays.equals(a.data(), other.data()));
    }

    @Test
    void noiseHasTheRequestedSigma() {
        SimulatedSeries noisy = new DwiSimulator().simulate(config(25, 0, 0, 0, 0, 3));
        int n = noisy.geometry().numVoxels();
        // in the empty background the Rayleigh second moment is 2σ²
        double sum2 = 0;
        int count = 0;
        for (int v = 0; v < noisy.volumes(); v++) {
            for (int voxel = 0; voxel < n; voxel++) {
                if (still.data()[voxel] == 0) {
                    double x = noisy.data()[voxel + n * v];
                    sum2 += x * x;
                    count++;
                }
            }
        }
        double sigma = Math.sqrt(sum2 / count / 2);
        assertEquals(1000.0 / 25, sigma, 0.5);
        assertEquals(40, noisy.sigma(), 1e-12);
    }

    /** out(x) = image(fixedToMoving · x) on the same grid: shared cubic B-spline resampler, 0 outside. */
    private static float[] resample(float[] image, ImageGeometry g, double[] fixedToMoving) {
        return Resampler.resample(new Image3D(g, image), g, fixedToMoving, Interpolation.BSPLINE3, 0f).data();
    }

    private static double rmsInMask(float[] a, float[] b, byte[] mask) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            if (mask[i] != 0) {
                double d = a[i] - b[i];
                sum += d * d;
                count++;
            }
        }
        return Math.sqrt(sum / count);
    }

    /** True when the voxel and its 26 neighbours are pure white matter (interpolation stays inside it). */
    private static boolean interiorWhiteMatter(HeadAnatomy.Maps maps, ImageGeometry g, int voxel) {
        int i = voxel % g.nx(), j = (voxel / g.nx()) % g.ny(), k = voxel / (g.nx() * g.ny());
        if (i < 1 || j < 1 || k < 1 || i >= g.nx() - 1 || j >= g.ny() - 1 || k >= g.nz() - 1) {
            return false;
        }
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    if (maps.wm()[g.index(i + di, j + dj, k + dk)] < 0.999f) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
