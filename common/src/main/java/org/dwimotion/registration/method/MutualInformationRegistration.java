package org.dwimotion.registration.method;

import org.dwimotion.image.GaussianSmoothingOps;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.registration.metric.FixedImageSamples;
import org.dwimotion.registration.metric.MutualInformationMetric;
import org.dwimotion.registration.optimizer.NelderMeadOptimizer;
import org.dwimotion.registration.transform.RigidTransform;
import org.dwimotion.resample.BSplineInterpolator;

/**
 * Rigid registration of two high-SNR images of different contrast (e.g. a shell's mean diffusion-weighted image to
 * the mean b=0 image) by maximising Mattes mutual information ({@link MutualInformationMetric}) with a Nelder–Mead
 * simplex ({@link NelderMeadOptimizer}), coarse to fine.
 *
 * <p>Conventions: world RAS mm, radians; the result is a fixed → moving 4×4 row-major matrix (ITK): the fixed image at
 * x matches the moving image at T·x. The rigid parameters are those of {@link RigidTransform} about the centroid of
 * the mask (not the field-of-view centre: about the centroid a rotation and a translation are nearly uncorrelated);
 * the optimiser sees the rotations scaled by the mask's RMS radius, so one unit of every variable is about one mm of
 * displacement in the mask and the step and tolerance are in mm.
 *
 * <p>Per level: both images are smoothed with the same Gaussian (sigma in voxels of the largest spacing), the fixed
 * image is sampled every {@code stride} voxels inside the mask, the moving image is interpolated with cubic
 * B-splines. Smoothing both keeps a rigid offset between them and, on the finest level, keeps the interpolation's own
 * blur (largest half-way between voxels) small against the images' structure, which would otherwise pull the mutual
 * information towards whole-voxel offsets. Deterministic: no random sampling, fixed loop orders.
 */
public final class MutualInformationRegistration {
    private MutualInformationRegistration() {
    }

    /**
     * @param bins           histogram bins per axis (Mattes: 32–64)
     * @param sigmasVoxels   per level, coarse to fine: smoothing sigma in voxels (of the largest spacing), ≥ 0
     * @param strides        per level: the fixed sampling stride in voxels, ≥ 1
     * @param stepsMm        per level: the initial simplex edge, mm
     * @param toleranceMm    per level convergence: every simplex vertex within this of the best, mm
     * @param maxEvaluations per level: cost evaluations allowed
     */
    public record Settings(int bins, double[] sigmasVoxels, int[] strides, double[] stepsMm, double toleranceMm,
                           int maxEvaluations) {
        public Settings {
            if (sigmasVoxels.length == 0 || strides.length != sigmasVoxels.length
                    || stepsMm.length != sigmasVoxels.length) {
                throw new IllegalArgumentException("one sigma, stride and step per level, at least one level");
            }
            sigmasVoxels = sigmasVoxels.clone();
            strides = strides.clone();
            stepsMm = stepsMm.clone();
        }

        /**
         * 32 bins; two levels: sigma 2 then 1 voxel, stride 2 then 1, initial step 2 then 0.5 mm; tolerance
         * 0.001 mm; 1500 evaluations per level. Why a finest sigma of 1 voxel: less lets the interpolation artefact
         * pull towards whole-voxel offsets (on the head pair of the unit test, accuracy grid, 5.5 mm, noise-free,
         * offsets 0.3–1 mm / 0.3–1°: mean error 0.18–0.38 mm at 0.5 voxel, 0.02–0.06 mm at 1, 0.01–0.03 mm at 1.5);
         * more blurs each contrast's thin structures (the phantom's 3 mm CSF fissures, bright at b=0 and dark in a
         * diffusion-weighted mean) into its neighbours differently, which biases the alignment: a shell's mean moved
         * off the b=0 mean by a known sub-voxel offset (noise-free simulator series, three offsets) is recovered to
         * 0.27–0.37 mm at 1.5 voxels against 0.12–0.16 mm at 1 on a 6 mm grid, 0.09–0.13 against 0.05–0.08 mm at
         * 4 mm, and alike at 2.5 mm (0.04–0.08 against 0.02–0.11 mm; docs/accuracy.md, "A head phantom that pins
         * roll"). 64 bins or fixed samples jittered off the grid were not better, nor was the correlation ratio
         * (0.21–0.25 mm at 1 voxel: the same pull, stronger).
         */
        public static Settings defaults() {
            return new Settings(32, new double[] {2.0, 1.0}, new int[] {2, 1}, new double[] {2.0, 0.5}, 1e-3, 1500);
        }

        @Override
        public double[] sigmasVoxels() {
            return sigmasVoxels.clone();
        }

        @Override
        public int[] strides() {
            return strides.clone();
        }

        @Override
        public double[] stepsMm() {
            return stepsMm.clone();
        }
    }

    /**
     * @param fixedToMoving           4×4 row-major, world mm
     * @param parameters              {@code [tx, ty, tz, rx, ry, rz]} (mm, radians) about {@code centre}
     * @param centre                  the rotation centre: the mask's centroid, world mm
     * @param mutualInformationBefore at the identity, on the finest level (nats)
     * @param mutualInformationAfter  at the result, on the finest level (nats)
     * @param evaluations             cost evaluations over all levels
     * @param converged               every level converged within its evaluation budget
     */
    public record Result(double[] fixedToMoving, double[] parameters, double[] centre, double mutualInformationBefore,
                         double mutualInformationAfter, int evaluations, boolean converged) {
    }

    /**
     * The fixed side of a registration, per level: its smoothed samples, and the mask's centroid and radius. Made
     * once by {@link #prepare} when several moving images are registered to the same fixed image (the shell
     * alignment registers every shell and both its halves to the one b=0 mean).
     *
     * @param samples per level of {@link Settings#sigmasVoxels()}, the samples of the smoothed fixed image
     * @param sigmasMm per level, the smoothing the moving image gets too (mm)
     */
    public record Fixed(double[] centre, double radius, FixedImageSamples[] samples, double[] sigmasMm) {
    }

    /**
     * The fixed side of {@link #register(Image3D, Image3D, Image3D, Settings)}.
     *
     * @param mask on the fixed grid, nonzero = sample there; not empty. Not modified.
     */
    public static Fixed prepare(Image3D fixed, Image3D mask, Settings settings) {
        ImageGeometry g = fixed.geometry();
        double[] centre = new double[3];
        double radius = centroidAndRadius(mask, centre);
        double largestSpacing = Math.max(g.spacing()[0], Math.max(g.spacing()[1], g.spacing()[2]));
        int levels = settings.sigmasVoxels().length;
        FixedImageSamples[] samples = new FixedImageSamples[levels];
        double[] sigmasMm = new double[levels];
        for (int l = 0; l < levels; l++) {
            sigmasMm[l] = settings.sigmasVoxels()[l] * largestSpacing;
            int s = settings.strides()[l];
            samples[l] = FixedImageSamples.onGrid(GaussianSmoothingOps.smooth(fixed, sigmasMm[l]), mask,
                    new int[] {s, s, s}, 1.0, 0L);
        }
        return new Fixed(centre, radius, samples, sigmasMm);
    }

    /**
     * Registers {@code moving} to {@code fixed} from the identity.
     *
     * @param fixed  fixed image. Not modified.
     * @param moving moving image on any grid. Not modified.
     * @param mask   on the fixed grid, nonzero = sample there; not empty. Not modified.
     */
    public static Result register(Image3D fixed, Image3D moving, Image3D mask, Settings settings) {
        return register(prepare(fixed, mask, settings), moving, settings);
    }

    /**
     * Registers {@code moving} to a prepared fixed image from the identity.
     *
     * @param fixed    {@link #prepare} with the same settings
     * @param moving   moving image on any grid. Not modified.
     */
    public static Result register(Fixed fixed, Image3D moving, Settings settings) {
        double[] centre = fixed.centre();
        double radius = fixed.radius();
        double[] z = new double[6];
        int evaluations = 0;
        boolean converged = true;
        double before = 0, after = 0;
        int levels = fixed.samples().length;
        for (int l = 0; l < levels; l++) {
            Image3D m = GaussianSmoothingOps.smooth(moving, fixed.sigmasMm()[l]);
            MutualInformationMetric metric = new MutualInformationMetric(fixed.samples()[l], new BSplineInterpolator(m),
                    settings.bins());
            NelderMeadOptimizer.Result r = NelderMeadOptimizer.minimize(
                    v -> -metric.value(matrix(v, centre, radius)), z,
                    new NelderMeadOptimizer.Settings(settings.stepsMm()[l], settings.toleranceMm(),
                            settings.maxEvaluations(), 2));
            evaluations += r.evaluations();
            converged &= r.converged();
            z = r.point();
            if (l == levels - 1) {
                before = metric.value(matrix(new double[6], centre, radius));
                after = -r.value();
            }
        }
        double[] p = parameters(z, radius);
        return new Result(new RigidTransform(centre, p).toMatrix(), p, centre.clone(), before, after, evaluations,
                converged);
    }

    /** The optimiser's variables (mm, rotations as mm at {@code radius}) as rigid parameters (mm, radians). */
    private static double[] parameters(double[] z, double radius) {
        return new double[] {z[0], z[1], z[2], z[3] / radius, z[4] / radius, z[5] / radius};
    }

    private static double[] matrix(double[] z, double[] centre, double radius) {
        return new RigidTransform(centre, parameters(z, radius)).toMatrix();
    }

    /**
     * The mask's centroid (world mm, into {@code centre}) and RMS distance from it (mm, at least one voxel spacing).
     */
    static double centroidAndRadius(Image3D mask, double[] centre) {
        ImageGeometry g = mask.geometry();
        float[] m = mask.data();
        double[] p = new double[3];
        double sx = 0, sy = 0, sz = 0, sxx = 0;
        long count = 0;
        for (int k = 0, v = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++, v++) {
                    if (m[v] != 0) {
                        g.indexToWorld(i, j, k, p);
                        sx += p[0];
                        sy += p[1];
                        sz += p[2];
                        sxx += p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
                        count++;
                    }
                }
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the registration mask is empty");
        }
        centre[0] = sx / count;
        centre[1] = sy / count;
        centre[2] = sz / count;
        double r2 = sxx / count - (centre[0] * centre[0] + centre[1] * centre[1] + centre[2] * centre[2]);
        double spacing = Math.max(g.spacing()[0], Math.max(g.spacing()[1], g.spacing()[2]));
        return Math.max(spacing, Math.sqrt(Math.max(0, r2)));
    }
}
