package org.dwimotion.registration.method;

import java.util.Arrays;
import org.dwimotion.registration.metric.MetricOptions;
import org.dwimotion.registration.transform.EddyTransform;
import org.dwimotion.resample.Interpolation;

/**
 * Settings of {@link ImageRegistrationMethod}: transform family, multi-resolution schedule,
 * metric and stopping rules. Mutable, validated in every setter; the method copies it.
 *
 * <h2>Defaults</h2>
 * <ul>
 *   <li>Transform: rigid; the eddy family displaces along world y unless a phase-encoding direction is set.</li>
 *   <li>Three levels: shrink factors 4, 2, 1; Gaussian smoothing sigmas 2, 1, 0.75 in voxels of the
 *       fixed image (converted to mm with its mean spacing; set
 *       {@link #setSmoothingSigmasAreSpecifiedInPhysicalUnits} to give mm); at most 40, 30, 20
 *       optimiser steps; every voxel of the mask sampled (fraction 1) with seed 0; the moving image
 *       interpolated trilinearly on the coarse levels and by cubic B-spline on the finest one.
 *       {@link #setNumberOfLevels(int)} resets the per-level arrays to the same rule for n levels:
 *       shrink {@code 2^(n-1-l)}, sigma {@code shrink / 2} voxels (0.75 at shrink 1), 40/30/20 steps
 *       (40 for any further level), fraction 1, B-spline on the finest level only.</li>
 *   <li>Metric: {@link MetricOptions#defaults()} (SSD with Tukey biweight residual weights,
 *       k = 4.685 robust sigmas, linear intensity matching, at least 25 % of the samples inside
 *       the moving image).</li>
 *   <li>Noise floor matching on, with the SNR cap of the finest sigma for rigid transforms
 *       ({@link #setNoiseFloorMatching}).</li>
 *   <li>Stopping: accepted step shifting the sampled region by less than 0.001 mm, or improving the
 *       metric by less than 1e-6 of its value.</li>
 * </ul>
 *
 * <p>Per-level arrays must all have {@link #numberOfLevels()} entries: change the number of levels
 * with {@link #setNumberOfLevels(int)} first, then set the arrays.
 */
public final class RegistrationSettings {
    public static final double DEFAULT_STEP_TOLERANCE_MM = 1e-3;
    public static final double DEFAULT_RELATIVE_VALUE_TOLERANCE = 1e-6;
    private static final int[] DEFAULT_ITERATIONS = {40, 30, 20};
    /**
     * Smoothing at shrink 1, in voxels: a trade between two biases (docs/registration.md). Less
     * leaves an interpolation bias on noise-free pairs (0.012 mm median at 0.6 voxel, 0.021 at 0.5;
     * 0.15 → 0.27 mm on the real small_64D crop at 0.6); more smears the Rician noise floor of
     * low-signal DWIs into a geometric bias on noisy pairs. At 0.75: 0.006 mm clean, 0.044 mm noisy;
     * at 0.6: 0.012 / 0.035 mm (medians over 40 phantom pairs each). The noisy case is now handled
     * per pair by the noise floor model and its SNR cap ({@link #setNoiseFloorMatching}, {@link
     * NoisyPairSmoothing}): 0.006 / 0.027 mm.
     */
    public static final double FINEST_SIGMA_VOXELS = 0.75;

    private TransformType transformType = TransformType.RIGID;
    private double[] phaseEncodingDirection = EddyTransform.WORLD_Y.clone();
    private int[] shrinkFactors;
    private double[] smoothingSigmas;
    private boolean sigmasInPhysicalUnits;
    private int[] maximumIterations;
    private double[] samplingFractions;
    private Interpolation[] interpolations;
    private long seed;
    private MetricOptions metricOptions = MetricOptions.defaults();
    private double stepToleranceMm = DEFAULT_STEP_TOLERANCE_MM;
    private double relativeValueTolerance = DEFAULT_RELATIVE_VALUE_TOLERANCE;
    private boolean noiseFloorMatching = true;

    public RegistrationSettings() {
        setNumberOfLevels(3);
    }

    /** An independent copy. */
    public RegistrationSettings copy() {
        RegistrationSettings c = new RegistrationSettings();
        c.transformType = transformType;
        c.phaseEncodingDirection = phaseEncodingDirection.clone();
        c.shrinkFactors = shrinkFactors.clone();
        c.smoothingSigmas = smoothingSigmas.clone();
        c.sigmasInPhysicalUnits = sigmasInPhysicalUnits;
        c.maximumIterations = maximumIterations.clone();
        c.samplingFractions = samplingFractions.clone();
        c.interpolations = interpolations.clone();
        c.seed = seed;
        c.metricOptions = metricOptions;
        c.stepToleranceMm = stepToleranceMm;
        c.relativeValueTolerance = relativeValueTolerance;
        c.noiseFloorMatching = noiseFloorMatching;
        return c;
    }

    /** Sets the number of levels and resets every per-level array to its default rule (class note). */
    public RegistrationSettings setNumberOfLevels(int levels) {
        if (levels < 1 || levels > 8) {
            throw new IllegalArgumentException("number of levels must be in 1..8, got " + levels);
        }
        shrinkFactors = new int[levels];
        smoothingSigmas = new double[levels];
        maximumIterations = new int[levels];
        samplingFractions = new double[levels];
        interpolations = new Interpolation[levels];
        for (int l = 0; l < levels; l++) {
            shrinkFactors[l] = 1 << (levels - 1 - l);
            smoothingSigmas[l] = shrinkFactors[l] > 1 ? shrinkFactors[l] / 2.0 : FINEST_SIGMA_VOXELS;
            int fromFinest = levels - 1 - l;
            maximumIterations[l] = fromFinest < 3 ? DEFAULT_ITERATIONS[2 - fromFinest] : DEFAULT_ITERATIONS[0];
            samplingFractions[l] = 1.0;
            interpolations[l] = l == levels - 1 ? Interpolation.BSPLINE3 : Interpolation.LINEAR;
        }
        return this;
    }

    public int numberOfLevels() {
        return shrinkFactors.length;
    }

    /** @param factors one per level, coarse to fine, each ≥ 1 (voxels of the fixed grid). Not modified. */
    public RegistrationSettings setShrinkFactorsPerLevel(int... factors) {
        checkLength("shrink factors", factors == null ? -1 : factors.length);
        for (int f : factors) {
            if (f < 1) {
                throw new IllegalArgumentException("shrink factors must be >= 1: " + Arrays.toString(factors));
            }
        }
        shrinkFactors = factors.clone();
        return this;
    }

    /**
     * @param sigmas one per level, each finite and ≥ 0; voxels of the fixed image unless
     *               {@link #setSmoothingSigmasAreSpecifiedInPhysicalUnits} is true (then mm). Not modified.
     */
    public RegistrationSettings setSmoothingSigmasPerLevel(double... sigmas) {
        checkLength("smoothing sigmas", sigmas == null ? -1 : sigmas.length);
        for (double s : sigmas) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("smoothing sigmas must be finite and >= 0: " + Arrays.toString(sigmas));
            }
        }
        smoothingSigmas = sigmas.clone();
        return this;
    }

    /** True: sigmas are in mm. False (default): in voxels of the fixed image (times its mean spacing). */
    public RegistrationSettings setSmoothingSigmasAreSpecifiedInPhysicalUnits(boolean physical) {
        sigmasInPhysicalUnits = physical;
        return this;
    }

    /** @param iterations one per level, each ≥ 1: trial steps allowed. Not modified. */
    public RegistrationSettings setMaximumIterationsPerLevel(int... iterations) {
        checkLength("maximum iterations", iterations == null ? -1 : iterations.length);
        for (int i : iterations) {
            if (i < 1) {
                throw new IllegalArgumentException("maximum iterations must be >= 1: " + Arrays.toString(iterations));
            }
        }
        maximumIterations = iterations.clone();
        return this;
    }

    /** @param fractions one per level, each in (0, 1]: share of the masked sub-grid voxels used. Not modified. */
    public RegistrationSettings setSamplingFractionsPerLevel(double... fractions) {
        checkLength("sampling fractions", fractions == null ? -1 : fractions.length);
        for (double f : fractions) {
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("sampling fractions must be in (0, 1]: " + Arrays.toString(fractions));
            }
        }
        samplingFractions = fractions.clone();
        return this;
    }

    /**
     * @param kinds one per level: how the moving image is interpolated while optimising that level.
     *              Not modified.
     */
    public RegistrationSettings setInterpolationsPerLevel(Interpolation... kinds) {
        checkLength("interpolations", kinds == null ? -1 : kinds.length);
        for (Interpolation k : kinds) {
            if (k == null) {
                throw new IllegalArgumentException("interpolations must not hold null");
            }
        }
        interpolations = kinds.clone();
        return this;
    }

    /** Seed of the random sample subsets (level l uses seed + l); irrelevant when all fractions are 1. */
    public RegistrationSettings setSeed(long seed) {
        this.seed = seed;
        return this;
    }

    public RegistrationSettings setTransformType(TransformType type) {
        if (type == null) {
            throw new IllegalArgumentException("transform type is required");
        }
        transformType = type;
        return this;
    }

    /**
     * The direction of {@link TransformType#EDDY}'s eddy displacement: the series' phase-encoding direction, unit,
     * world RAS (default world y). Other families ignore it.
     */
    public RegistrationSettings setPhaseEncodingDirection(double[] worldUnit) {
        EddyTransform.requireUnitDirection(worldUnit);
        phaseEncodingDirection = worldUnit.clone();
        return this;
    }

    public RegistrationSettings setMetricOptions(MetricOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("metric options are required");
        }
        metricOptions = options;
        return this;
    }

    /** @param mm stop a level when an accepted step shifts the sampled region by less than this, ≥ 0 */
    public RegistrationSettings setStepToleranceMm(double mm) {
        if (!(mm >= 0) || Double.isInfinite(mm)) {
            throw new IllegalArgumentException("step tolerance must be finite and >= 0 mm, got " + mm);
        }
        stepToleranceMm = mm;
        return this;
    }

    /** @param tolerance stop a level when an accepted step improves the metric by less than this fraction */
    public RegistrationSettings setRelativeValueTolerance(double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("relative value tolerance must be finite and >= 0, got " + tolerance);
        }
        relativeValueTolerance = tolerance;
        return this;
    }

    /**
     * True (default): when the moving image's background is brighter than the fixed image's, give
     * the fixed image the moving image's extra Rician noise floor before smoothing
     * ({@link org.dwimotion.registration.intensity.NoiseFloorModel}); needs a fixed mask and one
     * grid for both images, otherwise nothing is changed. With it, a rigid registration's finest
     * sigma is capped by the moving image's SNR ({@link NoisyPairSmoothing}). False: the fixed
     * image is used as given and the finest sigma as set (the behaviour before the model).
     */
    public RegistrationSettings setNoiseFloorMatching(boolean on) {
        noiseFloorMatching = on;
        return this;
    }

    private void checkLength(String what, int length) {
        if (length != shrinkFactors.length) {
            throw new IllegalArgumentException(what + " need one value per level (" + shrinkFactors.length
                    + "), got " + (length < 0 ? "none" : length) + "; call setNumberOfLevels first");
        }
    }

    public TransformType transformType() { return transformType; }

    /** A copy of the phase-encoding direction (unit, world RAS): {@link #setPhaseEncodingDirection}. */
    public double[] phaseEncodingDirection() { return phaseEncodingDirection.clone(); }
    public int[] shrinkFactors() { return shrinkFactors.clone(); }
    public double[] smoothingSigmas() { return smoothingSigmas.clone(); }
    public boolean smoothingSigmasAreSpecifiedInPhysicalUnits() { return sigmasInPhysicalUnits; }
    public int[] maximumIterations() { return maximumIterations.clone(); }
    public double[] samplingFractions() { return samplingFractions.clone(); }
    public Interpolation[] interpolations() { return interpolations.clone(); }
    public long seed() { return seed; }
    public MetricOptions metricOptions() { return metricOptions; }
    public double stepToleranceMm() { return stepToleranceMm; }
    public double relativeValueTolerance() { return relativeValueTolerance; }
    public boolean noiseFloorMatching() { return noiseFloorMatching; }
}
