package org.dwimotion.registration.method;

import java.util.Arrays;
import org.dwimotion.image.GaussianSmoothingOps;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.registration.intensity.NoiseFloorModel;
import org.dwimotion.registration.metric.FixedImageSamples;
import org.dwimotion.registration.metric.RobustSsdMetric;
import org.dwimotion.registration.optimizer.LevenbergMarquardtOptimizer;
import org.dwimotion.registration.optimizer.OptimizerReport;
import org.dwimotion.registration.transform.Transform;
import org.dwimotion.resample.Interpolation;

/**
 * Multi-resolution registration of a moving 3-D image to a fixed one: runs the levels of a
 * {@link RegistrationSettings} schedule, each with its own smoothed images, fixed samples,
 * {@link RobustSsdMetric} and {@link LevenbergMarquardtOptimizer}, passing the transform on.
 *
 * <p>Before the levels, the fixed image may be given the moving image's extra Rician noise floor
 * ({@link NoiseFloorModel}, {@link RegistrationSettings#setNoiseFloorMatching}); when it is, the
 * finest sigma of a rigid registration is capped by the moving image's SNR ({@link NoisyPairSmoothing}).
 *
 * <p>Per level l: both images are smoothed with the level's Gaussian (mm); the fixed image is
 * sampled every {@code shrink[l]} voxels inside the mask (the stride is reduced on axes shorter
 * than 8 × shrink, so small images keep at least 8 samples per axis); the moving image is
 * interpolated on its full grid with the level's interpolation (trilinear on coarse levels, cubic
 * B-spline on the finest by default, see {@link RegistrationSettings}); steps are limited to one
 * level voxel ({@code shrink × largest fixed spacing}).
 *
 * <p>Deterministic: single-threaded, fixed loop orders, seeded sampling. Thread-safe in the sense
 * that one method object may serve several threads at once (each call builds its own state).
 */
public final class ImageRegistrationMethod {
    private static final int MIN_SAMPLES_PER_AXIS = 8;

    private final RegistrationSettings settings;

    public ImageRegistrationMethod(RegistrationSettings settings) {
        this.settings = settings.copy();
    }

    /** With default settings (rigid). */
    public ImageRegistrationMethod() {
        this(new RegistrationSettings());
    }

    /**
     * Registers from the identity of the configured transform family, centred on the fixed image's
     * field of view.
     *
     * @param fixedMask null, or an image on the fixed grid (nonzero = inside). Not modified.
     */
    public RegistrationResult register(Image3D fixed, Image3D moving, Image3D fixedMask) {
        requireImages(fixed, moving);
        return register(fixed, moving, fixedMask, settings.transformType().identity(fixed.geometry().fieldOfViewCentre(),
                settings.phaseEncodingDirection()));
    }

    /**
     * Registers from an initial fixed → moving matrix, projected onto the configured transform
     * family about the centre of the fixed image's field of view.
     *
     * @param initialFixedToMoving 16 values, 4×4 row-major, world mm. Not modified.
     */
    public RegistrationResult register(Image3D fixed, Image3D moving, Image3D fixedMask, double[] initialFixedToMoving) {
        requireImages(fixed, moving);
        Transform t = settings.transformType().identity(fixed.geometry().fieldOfViewCentre(),
                settings.phaseEncodingDirection());
        t.setMatrix(initialFixedToMoving);
        return register(fixed, moving, fixedMask, t);
    }

    /**
     * Registers starting from {@code initial}, whose family and centre are kept (the configured
     * transform type is ignored). The initial transform is not modified.
     */
    public RegistrationResult register(Image3D fixed, Image3D moving, Image3D fixedMask, Transform initial) {
        requireImages(fixed, moving);
        if (initial == null) {
            throw new IllegalArgumentException("initial transform is required (use the 3-argument register for identity)");
        }
        ImageGeometry fg = fixed.geometry();
        if (fixedMask != null && !fixedMask.geometry().sameGrid(fg, 1e-6)) {
            throw new IllegalArgumentException("fixed mask grid " + fixedMask.geometry() + " differs from the fixed grid " + fg);
        }
        Transform transform = initial.copy();
        int levels = settings.numberOfLevels();

        RegistrationResult failure = checkInputs(fixed, moving, fixedMask, transform, levels);
        if (failure != null) {
            return failure;
        }

        NoiseFloorModel floor = settings.noiseFloorMatching() ? NoiseFloorModel.estimate(fixed, moving, fixedMask)
                : NoiseFloorModel.NONE;
        Image3D fixedModel = floor.apply(fixed);
        // the identity model (matching off, or no extra noise found) has SNR +infinity: no cap
        double finestCapVoxels = NoisyPairSmoothing.finestSigmaCapVoxels(floor.signalToNoise(fixed, fixedMask),
                transform.numberOfParameters());
        int[] shrink = settings.shrinkFactors();
        double[] sigmas = settings.smoothingSigmas();
        int[] maxIterations = settings.maximumIterations();
        double[] fractions = settings.samplingFractions();
        Interpolation[] interpolations = settings.interpolations();
        double[] spacing = fg.spacing();
        double meanSpacing = fg.meanSpacing();
        double maxSpacing = Math.max(spacing[0], Math.max(spacing[1], spacing[2]));
        int[] n = {fg.nx(), fg.ny(), fg.nz()};
        int[] iterations = new int[levels];
        boolean converged = false;
        double finalMetric = Double.POSITIVE_INFINITY;
        // one smoothing workspace and one coefficient array for all levels: a level's images and interpolator are
        // garbage once its optimiser returns (fewer whole-volume arrays per registration for the collector). Made on
        // first use: a level without smoothing or with trilinear interpolation needs neither (by default only the
        // finest level is B-spline, so the coefficient array is used once; it is shared when more levels are)
        double[] smoothingWork = null;
        double[] coefficients = null;
        for (int l = 0; l < levels; l++) {
            double sigmaMm = settings.smoothingSigmasAreSpecifiedInPhysicalUnits() ? sigmas[l] : sigmas[l] * meanSpacing;
            if (l == levels - 1) {
                sigmaMm = Math.min(sigmaMm, finestCapVoxels * meanSpacing);
            }
            if (sigmaMm > 0 && smoothingWork == null) {
                smoothingWork = new double[fixed.data().length];
            }
            Image3D f = sigmaMm > 0 ? GaussianSmoothingOps.smooth(fixedModel, sigmaMm, smoothingWork) : fixedModel;
            Image3D m = sigmaMm > 0 ? GaussianSmoothingOps.smooth(moving, sigmaMm, smoothingWork) : moving;
            int[] stride = new int[3];
            for (int a = 0; a < 3; a++) {
                stride[a] = Math.max(1, Math.min(shrink[l], n[a] / MIN_SAMPLES_PER_AXIS));
            }
            FixedImageSamples samples = FixedImageSamples.onGrid(f, fixedMask, stride, fractions[l], settings.seed() + l);
            boolean finest = l == levels - 1;
            double variance = samples.valueVariance();
            if (samples.count() <= transform.numberOfParameters() || !(variance > 0)) {
                if (finest) {
                    return fail(transform, levels, iterations, RegistrationStatus.EMPTY_MASK,
                            "the finest level has " + samples.count() + " samples with variance " + variance
                                    + ": too few to estimate " + transform.numberOfParameters() + " parameters");
                }
                continue; // a coarse level too sparse to help; the next one takes over
            }
            if (interpolations[l] == Interpolation.BSPLINE3 && coefficients == null) {
                coefficients = new double[moving.data().length];
            }
            RobustSsdMetric metric = new RobustSsdMetric(samples, interpolations[l].create(m, coefficients),
                    transform, settings.metricOptions());
            LevenbergMarquardtOptimizer optimizer = new LevenbergMarquardtOptimizer(maxIterations[l],
                    settings.stepToleranceMm(), settings.relativeValueTolerance(), shrink[l] * maxSpacing);
            OptimizerReport report = optimizer.optimize(metric);
            iterations[l] = report.iterations();
            if (report.reason() == org.dwimotion.registration.optimizer.StopReason.NOT_EVALUABLE) {
                return fail(initial, levels, iterations, RegistrationStatus.INSUFFICIENT_OVERLAP,
                        String.format("level %d: only %.1f %% of the %d fixed samples map inside the moving image"
                                        + " (at least %.1f %% needed)", l, 100 * metric.overlapFraction(), samples.count(),
                                100 * settings.metricOptions().minimumOverlap()));
            }
            if (finest) {
                converged = report.reason().converged();
                finalMetric = 2 * report.value() / variance;
            }
        }
        RegistrationStatus status = converged ? RegistrationStatus.CONVERGED : RegistrationStatus.MAX_ITERATIONS;
        return new RegistrationResult(transform.toMatrix(), transform.getParameters(), transform.getFixedParameters(),
                finalMetric, iterations, converged, status,
                (converged ? "converged" : "finest level reached its iteration limit") + "; steps per level "
                        + Arrays.toString(iterations)
                        + (floor.isIdentity() ? "" : String.format("; fixed image given a noise floor of sigma %.3g", floor.sigma())));
    }

    /** Data checks that give a failure result rather than an exception; null when all pass. */
    private RegistrationResult checkInputs(Image3D fixed, Image3D moving, Image3D mask, Transform t, int levels) {
        int[] none = new int[levels];
        float[] f = fixed.data();
        float[] mv = moving.data();
        float[] mk = mask == null ? null : mask.data();
        if (!allFinite(mv)) {
            return fail(t, levels, none, RegistrationStatus.NON_FINITE_INPUT, "the moving image holds NaN or infinite values");
        }
        if (!allFinite(f)) {
            return fail(t, levels, none, RegistrationStatus.NON_FINITE_INPUT, "the fixed image holds NaN or infinite values");
        }
        if (mk != null && !allFinite(mk)) {
            return fail(t, levels, none, RegistrationStatus.NON_FINITE_INPUT, "the fixed mask holds NaN or infinite values");
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int inside = 0;
        for (int v = 0; v < f.length; v++) {
            if (mk == null || mk[v] != 0) {
                inside++;
                lo = Math.min(lo, f[v]);
                hi = Math.max(hi, f[v]);
            }
        }
        if (inside == 0) {
            return fail(t, levels, none, RegistrationStatus.EMPTY_MASK, "the fixed mask selects no voxel");
        }
        if (!(hi > lo)) {
            return fail(t, levels, none, RegistrationStatus.CONSTANT_FIXED,
                    "the fixed image is constant (" + lo + ") inside the mask");
        }
        double mlo = Double.POSITIVE_INFINITY, mhi = Double.NEGATIVE_INFINITY;
        for (float v : mv) {
            mlo = Math.min(mlo, v);
            mhi = Math.max(mhi, v);
        }
        if (!(mhi > mlo)) {
            return fail(t, levels, none, RegistrationStatus.CONSTANT_MOVING, "the moving image is constant (" + mlo + ")");
        }
        return null;
    }

    private static boolean allFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static RegistrationResult fail(Transform t, int levels, int[] iterations, RegistrationStatus status,
                                           String message) {
        return new RegistrationResult(t.toMatrix(), t.getParameters(), t.getFixedParameters(), Double.POSITIVE_INFINITY,
                Arrays.copyOf(iterations, levels), false, status, message);
    }

    private static void requireImages(Image3D fixed, Image3D moving) {
        if (fixed == null || moving == null) {
            throw new IllegalArgumentException("fixed and moving images are required");
        }
    }
}
