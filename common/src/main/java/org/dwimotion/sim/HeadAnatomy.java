package org.dwimotion.sim;

import org.dwimotion.image.ImageGeometry;

/**
 * A skull-less, head-like brain made of smooth shapes, sized relative to the field of view.
 *
 * <p>All shapes are ellipsoids given in <em>normalised</em> coordinates u = (x − c) / h, where c is the
 * centre of the field of view and h its half-extent (mm) per axis, so the brain fills the same part
 * of any grid. Along x (left–right), y (posterior–anterior), z (inferior–superior):
 * <ul>
 *   <li>outer brain boundary (semi-axes 0.80, 0.82, 0.76): a thin CSF rim, then grey matter (cortex,
 *       from 0.95 of the outer size) and white matter (from 0.80 of the outer size);</li>
 *   <li>two lateral ventricles (CSF), elongated front to back, tilted ±12° apart posteriorly;</li>
 *   <li>two deep grey-matter nuclei (thalamus/basal-ganglia-like) beside them;</li>
 *   <li>fissures (CSF sheets {@value #FISSURE_WIDTH_MM} mm wide): the interhemispheric fissure in the midline plane,
 *       above the corpus callosum and through the frontal and occipital poles, lined by
 *       {@value #MEDIAL_CORTEX_MM} mm of grey matter; and two Sylvian fissures, oblique sheets on the lateral
 *       surfaces rising from front to back;</li>
 *   <li>background: no tissue (signal 0).</li>
 * </ul>
 * The fissures are there for registration, not looks: without them the brain's coronal section is nearly round and
 * the fibre field below is symmetric about the antero-posterior axis, so a head roll (rotation about y) changed the
 * images 3–4× less than a pitch or a yaw of the same angle, where a real brain's midline and lateral fissures pin
 * it (docs/accuracy.md, "A head phantom that pins roll").
 * Boundaries are anti-aliased: each shape's occupancy is a C¹ smoothstep of its approximate signed
 * distance across 1.5 voxels, a stand-in for partial volume and the acquisition's point-spread function.
 *
 * <p>White-matter fibres follow helices around the antero-posterior axis through the ventricles'
 * floor: above the ventricles they run left–right (a corpus-callosum-like arc), laterally they turn
 * superior–inferior (corona-radiata-like), and on the axis itself they run antero-posterior.
 * The field is smooth everywhere in white matter.
 */
public final class HeadAnatomy {
    private static final double[] BRAIN = {0.80, 0.82, 0.76};
    /**
     * Width of the smooth edge ramp, in voxels: 10–90 % over about 0.9 voxel, close to the point-spread
     * function of a real acquisition, and smooth enough that interpolating the images is not dominated
     * by aliased edges.
     */
    private static final double EDGE_WIDTH_VOXELS = 1.5;
    private static final double PARENCHYMA_SCALE = 0.95;
    private static final double WHITE_SCALE = 0.80;
    private static final double[][] VENTRICLE_CENTRES = {{-0.10, 0.02, 0.12}, {0.10, 0.02, 0.12}};
    private static final double[] VENTRICLE_AXES = {0.06, 0.30, 0.10};
    private static final double VENTRICLE_TILT = Math.toRadians(12);
    private static final double[][] NUCLEUS_CENTRES = {{-0.22, -0.04, -0.04}, {0.22, -0.04, -0.04}};
    private static final double[] NUCLEUS_AXES = {0.09, 0.16, 0.10};
    /** Full width of a fissure's CSF sheet, mm (the interhemispheric fissure with the falx is 2–4 mm). */
    static final double FISSURE_WIDTH_MM = 3.0;
    /** Grey matter lining the interhemispheric fissure on each side (medial cortex), mm. */
    static final double MEDIAL_CORTEX_MM = 3.0;
    /** The interhemispheric fissure reaches down to this normalised height, above the corpus callosum ... */
    private static final double MIDLINE_FISSURE_FLOOR_Z = 0.30;
    /** ... and separates the hemispheres down to the base in front of and behind this normalised |y|. */
    private static final double MIDLINE_FISSURE_POLE_Y = 0.55;
    /** Sylvian fissure: normalised height uz = Z0 + SLOPE·uy, on the lateral surface (|ux| ≥ LATERAL_X). */
    private static final double SYLVIAN_Z0 = -0.05, SYLVIAN_SLOPE = -0.30, SYLVIAN_LATERAL_X = 0.45;
    /** Sylvian fissure: antero-posterior extent (normalised y). */
    private static final double SYLVIAN_Y_MIN = -0.40, SYLVIAN_Y_MAX = 0.45;
    /** Width of the smooth ends of a fissure (normalised units). */
    private static final double FISSURE_END_RAMP = 0.08;
    /** Height (normalised z) of the antero-posterior axis the fibres wind around. */
    private static final double FIBRE_AXIS_Z = 0.0;
    /** Antero-posterior pitch of the fibre helices (normalised units), keeps the field non-singular. */
    private static final double FIBRE_PITCH = 0.15;

    /**
     * Tissue fractions and fibre directions on a grid.
     *
     * @param wm,gm,csf fractions in [0, 1] per voxel, x-fastest; they sum to the brain occupancy
     * @param fibre     unit fibre direction per voxel (world RAS), interleaved (fx, fy, fz) at
     *                  {@code 3*voxel}; defined everywhere, meaningful in white matter
     */
    public record Maps(ImageGeometry geometry, float[] wm, float[] gm, float[] csf, float[] fibre) {
    }

    private final double[] centre;
    private final double[] halfExtent;
    private final double blur;
    private final Ellipsoid brain, parenchyma, white;
    private final Ellipsoid[] ventricles, nuclei;

    /**
     * The anatomy sized to the field of view of {@code geometry}, with edges blurred over its largest
     * voxel size.
     *
     * @throws IllegalArgumentException when the geometry is not axis-aligned (the phantom is
     *                                  defined along the world axes)
     */
    public HeadAnatomy(ImageGeometry geometry) {
        double[] m = geometry.voxelToWorld();
        if (m[1] != 0 || m[2] != 0 || m[4] != 0 || m[6] != 0 || m[8] != 0 || m[9] != 0) {
            throw new IllegalArgumentException("the head phantom needs an axis-aligned grid, got " + geometry);
        }
        double[] sp = geometry.spacing();
        halfExtent = new double[] {geometry.nx() * sp[0] / 2, geometry.ny() * sp[1] / 2, geometry.nz() * sp[2] / 2};
        centre = geometry.fieldOfViewCentre();
        blur = EDGE_WIDTH_VOXELS * Math.max(sp[0], Math.max(sp[1], sp[2]));
        double[] h = halfExtent;
        brain = Ellipsoid.normalised(new double[3], BRAIN, 0, h);
        parenchyma = Ellipsoid.normalised(new double[3], scale(BRAIN, PARENCHYMA_SCALE), 0, h);
        white = Ellipsoid.normalised(new double[3], scale(BRAIN, WHITE_SCALE), 0, h);
        ventricles = new Ellipsoid[] {
                Ellipsoid.normalised(VENTRICLE_CENTRES[0], VENTRICLE_AXES, -VENTRICLE_TILT, h),
                Ellipsoid.normalised(VENTRICLE_CENTRES[1], VENTRICLE_AXES, VENTRICLE_TILT, h)};
        nuclei = new Ellipsoid[] {
                Ellipsoid.normalised(NUCLEUS_CENTRES[0], NUCLEUS_AXES, 0, h),
                Ellipsoid.normalised(NUCLEUS_CENTRES[1], NUCLEUS_AXES, 0, h)};
    }

    /**
     * Tissue fractions and fibre direction at one world point (RAS mm, head frame).
     *
     * @param fractions length ≥ 3; receives (wm, gm, csf) in [0, 1], summing to the brain occupancy. Modified.
     * @param fibre     length ≥ 3; receives the unit fibre direction (world). Modified.
     * @return the total tissue fraction (0 outside the brain, where fibre is left untouched)
     */
    public double evaluate(double wx, double wy, double wz, double[] fractions, double[] fibre) {
        double x = wx - centre[0], y = wy - centre[1], z = wz - centre[2];
        double inBrain = brain.occupancy(x, y, z, blur);
        if (inBrain <= 0) {
            fractions[0] = fractions[1] = fractions[2] = 0;
            return 0;
        }
        double inPar = Math.min(inBrain, parenchyma.occupancy(x, y, z, blur));
        double inWhite = white.occupancy(x, y, z, blur);
        double inVent = Math.max(ventricles[0].occupancy(x, y, z, blur), ventricles[1].occupancy(x, y, z, blur));
        double inNuc = Math.max(nuclei[0].occupancy(x, y, z, blur), nuclei[1].occupancy(x, y, z, blur));
        double ux = x / halfExtent[0], uy = y / halfExtent[1], uz = z / halfExtent[2];
        double midline = midlineFissureExtent(uy, uz);
        double inFissure = Math.max(midline * sheet(x, FISSURE_WIDTH_MM), sylvianFissure(ux, uy, y, z));
        double inMedialCortex = midline * sheet(x, FISSURE_WIDTH_MM + 2 * MEDIAL_CORTEX_MM);
        double tissue = inPar * (1 - inVent) * (1 - inFissure);
        double w = tissue * inWhite * (1 - inNuc) * (1 - inMedialCortex);
        fractions[0] = w;
        fractions[1] = tissue - w;
        fractions[2] = inBrain - tissue;
        fibreDirection(ux, uy, uz, fibre);
        return inBrain;
    }

    /** Occupancy of a sheet {@code width} mm wide centred on the plane at signed distance {@code d} mm: a smooth slab. */
    private double sheet(double d, double width) {
        return smoothstep(0.5 - (Math.abs(d) - width / 2) / blur);
    }

    /** Where the interhemispheric fissure exists (0–1): above the corpus callosum, or towards either pole. */
    private static double midlineFissureExtent(double uy, double uz) {
        return Math.max(smoothstep((uz - MIDLINE_FISSURE_FLOOR_Z) / FISSURE_END_RAMP + 0.5),
                smoothstep((Math.abs(uy) - MIDLINE_FISSURE_POLE_Y) / FISSURE_END_RAMP + 0.5));
    }

    /** Occupancy of the Sylvian fissures' CSF sheets (the same plane on both sides, lateral parts only). */
    private double sylvianFissure(double ux, double uy, double y, double z) {
        double extent = smoothstep((Math.abs(ux) - SYLVIAN_LATERAL_X) / FISSURE_END_RAMP + 0.5)
                * smoothstep((uy - SYLVIAN_Y_MIN) / FISSURE_END_RAMP + 0.5)
                * smoothstep((SYLVIAN_Y_MAX - uy) / FISSURE_END_RAMP + 0.5);
        if (extent <= 0) {
            return 0;
        }
        // the plane z = hz·(Z0 + SLOPE·y/hy) in mm, and the distance to it along its normal
        double ny = -SYLVIAN_SLOPE * halfExtent[2] / halfExtent[1];
        double d = (z - halfExtent[2] * SYLVIAN_Z0 + ny * y) / Math.sqrt(1 + ny * ny);
        return extent * sheet(d, FISSURE_WIDTH_MM);
    }

    /** C¹ ramp of t clamped to [0, 1]. */
    private static double smoothstep(double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        return t * t * (3 - 2 * t);
    }

    /** Evaluates the anatomy at every voxel centre of {@code geometry}. */
    public static Maps build(ImageGeometry geometry) {
        HeadAnatomy anatomy = new HeadAnatomy(geometry);
        int n = geometry.numVoxels();
        float[] wm = new float[n], gm = new float[n], csf = new float[n], fibre = new float[3 * n];
        double[] p = new double[3], f = new double[3], dir = new double[3];
        for (int k = 0; k < geometry.nz(); k++) {
            for (int j = 0; j < geometry.ny(); j++) {
                for (int i = 0; i < geometry.nx(); i++) {
                    int v = geometry.index(i, j, k);
                    geometry.indexToWorld(i, j, k, p);
                    anatomy.evaluate(p[0], p[1], p[2], f, dir);
                    wm[v] = (float) f[0];
                    gm[v] = (float) f[1];
                    csf[v] = (float) f[2];
                    fibreDirection((p[0] - anatomy.centre[0]) / anatomy.halfExtent[0],
                            (p[1] - anatomy.centre[1]) / anatomy.halfExtent[1],
                            (p[2] - anatomy.centre[2]) / anatomy.halfExtent[2], dir);
                    fibre[3 * v] = (float) dir[0];
                    fibre[3 * v + 1] = (float) dir[1];
                    fibre[3 * v + 2] = (float) dir[2];
                }
            }
        }
        return new Maps(geometry, wm, gm, csf, fibre);
    }

    /** Unit fibre direction at normalised position (ux, uy, uz), written to out[0..2]. */
    static void fibreDirection(double ux, double uy, double uz, double[] out) {
        // tangent of circles around the y axis through (0, ·, FIBRE_AXIS_Z): ŷ × r, plus a pitch along ŷ
        double rz = uz - FIBRE_AXIS_Z;
        double fx = rz, fy = FIBRE_PITCH, fz = -ux;
        double norm = Math.sqrt(fx * fx + fy * fy + fz * fz);
        out[0] = fx / norm;
        out[1] = fy / norm;
        out[2] = fz / norm;
    }

    private static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    /** An ellipsoid in mm about the FOV centre, optionally rotated about z. */
    private record Ellipsoid(double cx, double cy, double cz, double ax, double ay, double az, double cos, double sin) {
        static Ellipsoid normalised(double[] centre, double[] axes, double angleZ, double[] h) {
            return new Ellipsoid(centre[0] * h[0], centre[1] * h[1], centre[2] * h[2],
                    axes[0] * h[0], axes[1] * h[1], axes[2] * h[2], Math.cos(angleZ), Math.sin(angleZ));
        }

        /** Smooth occupancy in [0, 1]: 1 inside, 0 outside, a C¹ ramp one {@code width} wide across the surface. */
        double occupancy(double x, double y, double z, double width) {
            double dx = x - cx, dy = y - cy, dz = z - cz;
            double lx = cos * dx + sin * dy, ly = -sin * dx + cos * dy;
            double qx = lx / ax, qy = ly / ay, qz = dz / az;
            double r = Math.sqrt(qx * qx + qy * qy + qz * qz);
            double d; // approximate signed distance (mm): (r − 1) / |∇r|
            if (r < 1e-9) {
                d = -Math.min(ax, Math.min(ay, az));
            } else {
                double gx = qx / ax, gy = qy / ay, gz = qz / az;
                d = (r - 1) * r / Math.sqrt(gx * gx + gy * gy + gz * gz);
            }
            return smoothstep(0.5 - d / width);
        }
    }
}
