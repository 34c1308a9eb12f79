package org.dwimotion.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.dwimotion.Conventions;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.model.reference.Shells;
import org.dwimotion.motion.DisplacementError;
import org.dwimotion.registration.method.MutualInformationRegistration;
import org.dwimotion.registration.transform.RigidTransform;

/**
 * Post-iteration alignment of each diffusion-weighted shell to the b=0 volumes (FSL eddy's "PEAS"): the mean of each
 * shell's motion-corrected volumes is registered rigidly, by mutual information, to the mean motion-corrected b=0
 * image ({@link MutualInformationRegistration}), and the offset found is composed into every volume of that shell.
 *
 * <p>Why: leave-one-volume-out cannot see an offset common to all volumes of a shell against the b=0 volumes (a DWI is
 * predicted from the other, equally offset DWIs; only S0 comes from the b=0 volumes), so the shells keep whatever
 * common error the start and the iterations gave them (docs/accuracy.md "Where the DWIs' remaining error sits").
 *
 * <p>Conventions: transforms N×16, fixed → moving, 4×4 row-major, world RAS mm, relative to the reference b=0
 * ({@link TransformSet}); the corrected volume v is {@code obs_v(T_v·x)}. The shell's mean image registered as moving
 * to the b=0 mean as fixed gives S with {@code B0(x) ≈ shellMean(S·x) = mean_v obs_v(T_v·S·x)}, so the aligned
 * transforms are {@code T_v' = T_v·S} (S applied first, in the reference frame). For an affine run's DWIs,
 * {@code T_v = E_v·G_v} (eddy field after rigid motion, {@link EddyCurrentModel}) becomes {@code E_v·(G_v·S)}: the
 * rigid part takes the offset, the eddy field is kept (the job does not align affine runs: the eddy field left in
 * the shell means is a shear that the rigid alignment takes for rotation, docs/accuracy.md). b=0 volumes and shells
 * of fewer than {@link #MIN_VOLUMES} volumes keep their transforms. The b-vectors need nothing here: they are rotated
 * later from the transforms.
 */
public final class ShellAlignment {
    /** Fewest volumes a shell needs to be aligned (its mean image should be a high-SNR image). */
    public static final int MIN_VOLUMES = 6;
    /** Class of the b=0 volumes in {@link #classes}. */
    public static final int B0_CLASS = 0;

    private ShellAlignment() {
    }

    /**
     * @param maskDilationVoxels the registration samples the b=0 mean inside the brain mask dilated this many times
     *                           (6-neighbourhood), so that the brain's outer edge, the strongest common feature of
     *                           the two contrasts, is inside
     * @param interiorErosionVoxels and leaves out the brain mask eroded this many times (0: nothing left out), so
     *                           that it samples a band around the brain's edge: cortex and CSF, whose diffusion is
     *                           isotropic, and not the deep white matter, whose shell mean depends on how its fibres
     *                           lie against the shell's few directions (a pattern the b=0 image lacks; on the accuracy
     *                           series it pulled the b ≥ 2000 shells by +0.2–0.7° about y)
     * @param maxOffsetMm        an offset whose mean displacement in the mask exceeds this is taken as a failed
     *                           registration and not applied (a shell's common error is a fraction of a mm)
     * @param significance       k of the split-half test ({@link OffsetSignificance}): a shell's offset is applied
     *                           only when its mean displacement exceeds k times its noise estimate (half the mean
     *                           displacement between its two half-shell offsets); 0: no test (the halves are not
     *                           registered) and every offset within maxOffsetMm is applied
     * @param perParameter       with k > 0: test each rigid parameter of the offset ({@link ParameterSignificance})
     *                           and apply the ones that pass, instead of the whole offset or nothing
     * @param registration       the mutual-information registration
     */
    public record Settings(int maskDilationVoxels, int interiorErosionVoxels, double maxOffsetMm,
                           double significance, boolean perParameter,
                           MutualInformationRegistration.Settings registration) {
        /**
         * Dilation 2, erosion 3 voxels (a band of about 5 voxels around the brain's edge), 2 mm, the split-half test
         * per parameter at k = 2 ({@link ParameterSignificance}: on the accuracy series it keeps the real rotation
         * about z of seed 1 and drops the rotations about y in which the half-shell means disagree; the test on the
         * whole offset's size, {@link OffsetSignificance}, rejected every multi-shell offset; docs/accuracy.md
         * "Split-half significance test"), {@link MutualInformationRegistration.Settings#defaults()}. Erosion 3
         * against 0 (the whole dilated mask) on the accuracy series, "all" medians with / without offset removal,
         * no split-half test: three-shell seed 1 0.256 / 0.292 → 0.215 / 0.220 mm, large-motion 0.309 / 0.306 →
         * 0.255 / 0.269 mm (docs/accuracy.md, "Shell alignment to b=0").
         */
        public static Settings defaults() {
            return new Settings(2, 3, 2.0, OffsetSignificance.TWO_SIGMA, true,
                    MutualInformationRegistration.Settings.defaults());
        }
    }

    /**
     * One shell's mean corrected images: all its volumes, and its two halves (alternate volumes of the shell in
     * file order, {@link #halfClasses}); the halves may be null (no split-half test: the offset is applied if it
     * passes {@link Settings#maxOffsetMm}).
     */
    public record ShellMeans(Image3D full, Image3D halfA, Image3D halfB) {
    }

    /**
     * One shell's offset.
     *
     * @param shell         shell number ({@link Shells#assign}: 1, 2, ... by increasing b)
     * @param meanB         the shell's mean b-value, s/mm²
     * @param volumes       its number of volumes
     * @param fixedToMoving S, 4×4 row-major, world mm
     * @param parameters    S as rigid parameters about the grid's field-of-view centre (the motion table's):
     *                      {@code [tx, ty, tz, rx, ry, rz]}, mm and radians
     * @param meanDisplacementMm mean |S·x − x| over the (undilated) mask, mm
     * @param mutualInformationBefore at the identity (nats)
     * @param mutualInformationAfter  at S (nats)
     * @param significance  the split-half test ({@link OffsetSignificance}), null when it was not run (k = 0, or
     *                      the halves were not given)
     * @param parameterTest the per-parameter test ({@link Settings#perParameter}), null when not run; when run, the
     *                      offset composed is its {@link ParameterSignificance#gated()} parameters
     * @param applied       false when the offset was rejected ({@link Settings#maxOffsetMm}) or not significant
     */
    public record ShellOffset(int shell, double meanB, int volumes, double[] fixedToMoving, double[] parameters,
                              double meanDisplacementMm, double mutualInformationBefore,
                              double mutualInformationAfter, OffsetSignificance significance,
                              ParameterSignificance parameterTest, boolean applied) {
    }

    /**
     * @param transforms the aligned transforms, N×16
     * @param offsets    one per shell aligned, by shell number
     */
    public record Result(double[] transforms, List<ShellOffset> offsets) {
    }

    /**
     * The class of each volume for the mean images: {@link #B0_CLASS} for the b=0 volumes, the shell number
     * ({@link Shells#assign} with {@link Conventions#DEFAULT_SHELL_TOLERANCE}) for a DWI of a shell with at least
     * {@link #MIN_VOLUMES} volumes, −1 for the DWIs of smaller shells (not averaged, not aligned).
     */
    public static int[] classes(GradientTable table) {
        int[] shell = Shells.assign(table.bvals(), table.b0Threshold(), Conventions.DEFAULT_SHELL_TOLERANCE);
        int shells = 0;
        for (int s : shell) {
            shells = Math.max(shells, s);
        }
        int[] size = new int[shells + 1];
        for (int s : shell) {
            size[s]++;
        }
        int[] out = new int[shell.length];
        for (int v = 0; v < shell.length; v++) {
            out[v] = shell[v] == 0 ? B0_CLASS : size[shell[v]] >= MIN_VOLUMES ? shell[v] : -1;
        }
        return out;
    }

    /**
     * The classes for the split-half test: {@link #B0_CLASS} for the b=0 volumes; for a shell s that
     * {@link #classes} aligns, 2s − 1 for its 1st, 3rd, 5th, ... volume in file order (half A) and 2s for its 2nd,
     * 4th, ... (half B); −1 otherwise. Alternate volumes, so that each half spans the whole acquisition (the same
     * drift) and about half of the shell's directions.
     */
    public static int[] halfClasses(GradientTable table) {
        int[] cls = classes(table);
        int[] seen = new int[cls.length + 1];
        int[] out = new int[cls.length];
        for (int v = 0; v < cls.length; v++) {
            int s = cls[v];
            out[v] = s <= 0 ? s : 2 * s - 1 + seen[s]++ % 2;
        }
        return out;
    }

    /** Half A's class of shell s in {@link #halfClasses}; half B's is one more. */
    public static int halfAClass(int shell) {
        return 2 * shell - 1;
    }

    /**
     * Aligns each shell's mean to the b=0 mean and composes the offsets into the shells' transforms: an offset is
     * applied when it is within {@link Settings#maxOffsetMm} and, when the shell's halves are given, significant
     * against the disagreement of the halves' own offsets: per rigid parameter ({@link ParameterSignificance}, the
     * default) or as a whole ({@link OffsetSignificance}).
     *
     * @param transforms N×16 (see the class note). Not modified.
     * @param table      the series' gradient table (b-values as acquired)
     * @param b0Mean     the mean aligned b=0 image. Not modified.
     * @param shells     by shell number of {@link #classes} (index 0 unused): that shell's mean images, null for a
     *                   shell not aligned; on the b=0 mean's grid. Not modified.
     * @param brainMask  on that grid, nonzero = brain. Not modified.
     */
    public static Result align(double[] transforms, GradientTable table, Image3D b0Mean, ShellMeans[] shells,
                               Image3D brainMask, Settings settings) {
        if (b0Mean == null) {
            throw new IllegalArgumentException("shell alignment needs the mean b=0 image");
        }
        int[] cls = classes(table);
        ImageGeometry grid = b0Mean.geometry();
        Image3D sampleMask = band(brainMask, settings.maskDilationVoxels(), settings.interiorErosionVoxels());
        double[] centre = grid.fieldOfViewCentre();
        // the b=0 mean's smoothed samples serve every shell's and half's registration
        MutualInformationRegistration.Fixed fixed = MutualInformationRegistration.prepare(b0Mean, sampleMask,
                settings.registration());
        // every shell's and half's registration is independent of the others: run them side by side (the results
        // are gathered by position, so they do not depend on the threads)
        List<Image3D> moving = new ArrayList<>();
        int[] first = new int[shells.length];
        for (int s = 1; s < shells.length; s++) {
            ShellMeans m = shells[s];
            first[s] = moving.size();
            if (m != null && m.full() != null) {
                moving.add(m.full());
                if (halvesTested(m, settings)) {
                    moving.add(m.halfA());
                    moving.add(m.halfB());
                }
            }
        }
        MutualInformationRegistration.Result[] registered = moving.parallelStream()
                .map(image -> MutualInformationRegistration.register(fixed, image, settings.registration()))
                .toArray(MutualInformationRegistration.Result[]::new);
        double[] out = transforms.clone();
        List<ShellOffset> offsets = new ArrayList<>();
        for (int s = 1; s < shells.length; s++) {
            ShellMeans m = shells[s];
            if (m == null || m.full() == null) {
                continue;
            }
            MutualInformationRegistration.Result r = registered[first[s]];
            double[] offset = r.fixedToMoving();
            double displacement = DisplacementError.meanBetween(offset, Affines.identity(), grid, brainMask);
            double[] p = RigidTransform.fromMatrix(offset, centre).getParameters();
            OffsetSignificance significance = null;
            ParameterSignificance parameterTest = null;
            double[] composed = offset;
            if (halvesTested(m, settings)) {
                double[] a = registered[first[s] + 1].fixedToMoving();
                double[] b = registered[first[s] + 2].fixedToMoving();
                significance = OffsetSignificance.of(displacement,
                        DisplacementError.meanBetween(a, b, grid, brainMask), settings.significance());
                if (settings.perParameter()) {
                    parameterTest = new ParameterSignificance(p,
                            RigidTransform.fromMatrix(a, centre).getParameters(),
                            RigidTransform.fromMatrix(b, centre).getParameters(),
                            settings.significance());
                    composed = new RigidTransform(centre, parameterTest.gated()).toMatrix();
                }
            }
            boolean applied = displacement <= settings.maxOffsetMm() && (significance == null
                    || (parameterTest != null ? parameterTest.any() : significance.significant()));
            int volumes = 0;
            double sumB = 0;
            for (int v = 0; v < cls.length; v++) {
                if (cls[v] == s) {
                    volumes++;
                    sumB += table.bval(v);
                    if (applied) {
                        double[] t = Affines.multiply(TransformSet.get(transforms, v), composed, null);
                        System.arraycopy(t, 0, out, 16 * v, 16);
                    }
                }
            }
            offsets.add(new ShellOffset(s, volumes == 0 ? Double.NaN : sumB / volumes, volumes, offset, p,
                    displacement, r.mutualInformationBefore(), r.mutualInformationAfter(), significance,
                    parameterTest, applied));
        }
        return new Result(out, offsets);
    }

    private static boolean halvesTested(ShellMeans m, Settings settings) {
        return settings.significance() > 0 && m.halfA() != null && m.halfB() != null;
    }

    /** The mask dilated {@code out} times, less the mask eroded {@code in} times (nothing left out when 0). */
    private static Image3D band(Image3D mask, int out, int in) {
        ImageGeometry g = mask.geometry();
        float[] m = mask.data();
        byte[] b = new byte[m.length];
        byte[] complement = new byte[m.length];
        for (int i = 0; i < m.length; i++) {
            b[i] = m[i] != 0 ? (byte) 1 : 0;
            complement[i] = (byte) (1 - b[i]);
        }
        byte[] d = out > 0 ? MaskDilation.dilate6(b, g.nx(), g.ny(), g.nz(), out) : b;
        // the eroded mask is the complement of the complement dilated
        byte[] notEroded = in > 0 ? MaskDilation.dilate6(complement, g.nx(), g.ny(), g.nz(), in) : null;
        float[] result = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            result[i] = d[i] != 0 && (notEroded == null || notEroded[i] != 0) ? 1f : 0f;
        }
        return new Image3D(g, result);
    }
}
