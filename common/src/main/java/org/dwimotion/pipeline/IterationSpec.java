package org.dwimotion.pipeline;

import org.dwimotion.chunk.ChunkPlan;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.model.FitMethod;
import org.dwimotion.model.LovoDesign;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.registration.method.RegistrationSettings;
import org.dwimotion.registration.method.TransformType;

/**
 * Everything a task of one iteration needs, as primitives and primitive arrays only, so that it can be
 * broadcast once (Kryo) without shipping any model, fitter or registration object: executors rebuild the
 * {@link LovoDesign}, {@link ChunkPlan}, {@link ImageGeometry} and mask image from it.
 *
 * @param dwiLocation   the original series (local path or Hadoop URI), read by every task
 * @param dims          {nx, ny, nz, nt}
 * @param voxelToWorld  the reference grid's 4×4 row-major affine, world RAS mm
 * @param maskIndices   strictly increasing linear indices (x-fastest) of the voxels the model predicts: the brain
 *                      mask dilated by {@link MaskDilation#PREDICTION_MARGIN_VOXELS} (see there); cut into chunks
 * @param registrationMask strictly increasing linear indices of the brain mask, where registration samples
 * @param chunkVoxels   K, voxels per chunk
 * @param model         {@link LovoModelType} ordinal
 * @param fit           {@link FitMethod} ordinal
 * @param bvals         N b-values, s/mm²
 * @param bvecs         N×3 b-vectors, FSL frame of the reference grid, rotated by the current transforms
 *                      ({@code Rᵀg}) from the second iteration on
 * @param b0Threshold   b ≤ this is a b=0 volume, s/mm²
 * @param transforms    N×16: the current fixed → moving estimate of every volume (identity at the start)
 * @param alignInput    true when the model is fitted on the data resampled with {@code transforms}
 *                      (iterations after the first); false: on the data as acquired
 * @param transformType {@link TransformType} ordinal of the diffusion-weighted volumes (b=0 volumes: rigid,
 *                      {@link #transformTypeFor})
 * @param seed          registration seed
 * @param phaseEncoding the series' phase-encoding direction, unit, world RAS: where {@link TransformType#EDDY}
 *                      displaces ({@code PhaseEncoding#worldDirection})
 * @param seriesVolumes N strictly increasing indices: the series volume each of this spec's volumes is read from
 *                      ({@link #seriesVolume}). Every volume in order for an iteration; the b=0 volumes only for the
 *                      b=0 pass, which needs nothing else (ingest, fit and shuffle then carry a few volumes, not N).
 *                      Every other index here ({@code bvals}, {@code transforms}, outcomes) is this spec's own.
 */
public record IterationSpec(String dwiLocation, int[] dims, double[] voxelToWorld, int[] maskIndices,
                            int[] registrationMask, int chunkVoxels, int model, int fit, double[] bvals, double[] bvecs, double b0Threshold,
                            double[] transforms, boolean alignInput, int transformType, long seed,
                            double[] phaseEncoding, int[] seriesVolumes) {

    public IterationSpec {
        int n = dims.length == 4 ? dims[3] : -1;
        if (dims.length != 4 || voxelToWorld.length != 16 || bvals.length != n || bvecs.length != 3 * n
                || transforms.length != 16 * n || chunkVoxels <= 0 || phaseEncoding == null
                || phaseEncoding.length != 3 || seriesVolumes.length != n || !nonNegativeIncreasing(seriesVolumes)) {
            throw new IllegalArgumentException("inconsistent iteration spec: dims " + java.util.Arrays.toString(dims)
                    + ", " + bvals.length + " b-values, " + bvecs.length + " b-vector values, " + transforms.length
                    + " transform values, chunk size " + chunkVoxels + ", phase encoding "
                    + java.util.Arrays.toString(phaseEncoding) + ", series volumes "
                    + java.util.Arrays.toString(seriesVolumes));
        }
    }

    /** {@code 0, 1, …, n−1}: a spec over every volume of an n-volume series. */
    public static int[] allVolumes(int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    public int nVolumes() {
        return dims[3];
    }

    /** The series (file) index of this spec's volume {@code v}. */
    public int seriesVolume(int v) {
        return seriesVolumes[v];
    }

    /** Whether this spec's volume v is the series' volume v for every v: an iteration's spec, not the b=0 pass's. */
    public boolean identityVolumeMap() {
        return seriesVolumes.length == 0 || seriesVolumes[seriesVolumes.length - 1] == seriesVolumes.length - 1;
    }

    /**
     * Refuses a spec over some of the series' volumes, for code that reads series volume v as the spec's volume v.
     *
     * @param use what needs the whole series, for the message
     * @throws IllegalArgumentException unless {@link #identityVolumeMap()}
     */
    public void requireIdentityVolumeMap(String use) {
        if (!identityVolumeMap()) {
            throw new IllegalArgumentException(use + " needs a spec over the whole series (volume v = series volume v), "
                    + "got series volumes " + java.util.Arrays.toString(seriesVolumes));
        }
    }

    private static boolean nonNegativeIncreasing(int[] a) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] < 0 || (i > 0 && a[i] <= a[i - 1])) {
                return false;
            }
        }
        return true;
    }

    public ImageGeometry geometry() {
        return new ImageGeometry(dims[0], dims[1], dims[2], voxelToWorld);
    }

    public ChunkPlan plan() {
        return new ChunkPlan(maskIndices, chunkVoxels);
    }

    /** The LOVO design predicting every volume, in series order (column j predicts volume j). */
    public LovoDesign design() {
        return LovoDesign.allVolumes(LovoModelType.values()[model], FitMethod.values()[fit], bvals, bvecs,
                b0Threshold);
    }

    /** The registration (brain) mask as an image on the reference grid (1 inside, 0 outside). */
    public Image3D maskImage() {
        float[] m = new float[dims[0] * dims[1] * dims[2]];
        for (int i : registrationMask) {
            m[i] = 1f;
        }
        return new Image3D(geometry(), m);
    }

    /** Volume v's current transform (a copy). */
    public double[] transform(int v) {
        double[] t = new double[16];
        System.arraycopy(transforms, 16 * v, t, 0, 16);
        return t;
    }

    /** Volume v's registration settings: the configured ones with {@link #transformType(int)}. */
    public RegistrationSettings registrationSettings(int v) {
        return new RegistrationSettings().setTransformType(transformType(v)).setSeed(seed)
                .setPhaseEncodingDirection(phaseEncoding);
    }

    /** Volume v's transform family: {@link #transformTypeFor}. */
    public TransformType transformType(int v) {
        return transformTypeFor(TransformType.values()[transformType], bvals[v], b0Threshold);
    }

    /**
     * The transform family a volume of b-value {@code bval} (s/mm²) is registered with: b=0 volumes
     * ({@code bval <= b0Threshold}) always rigid; the DWIs of an affine run {@link TransformType#EDDY} (rigid
     * motion and a linear eddy displacement along the phase-encoding axis), those of a rigid run rigid.
     * Why: eddy-current distortion scales with the diffusion gradient, so a b=0 volume has none (FSL eddy models
     * b=0 volumes with movement only); an affine fit there only adds 6 noise-driven parameters, and the reference
     * b=0's shear and scale would be passed to every volume when the transforms are re-expressed relative to it.
     * A DWI's eddy field moves points only along the PE axis: the 3 other non-rigid parameters of an affine only
     * trade against the rotation (DWI p95 b=1000 / 2000 on a seed-2 {@code affine} series, 2 iterations:
     * 1.01 / 0.97 → 0.77 / 0.79 mm; docs/accuracy.md "Eddy model inside the iteration").
     */
    public static TransformType transformTypeFor(TransformType configured, double bval, double b0Threshold) {
        if (bval <= b0Threshold) {
            return TransformType.RIGID;
        }
        return configured == TransformType.AFFINE ? TransformType.EDDY : configured;
    }
}
