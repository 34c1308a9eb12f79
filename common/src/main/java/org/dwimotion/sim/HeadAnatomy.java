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
 *   <li>background: no tissue (signal 0).</li>
 * </ul>
 * Boundaries are anti-aliased: each shape's occupancy is a C¹ smoothstep of its approximate signed
 * distance across one voxel, a stand-in for partial volume.
 *
 * <p>White-matter fibres follow helices around the antero-posterior axis through the ventricles'
 * floor: above the ventricles they run left–right (a corpus-callosum-like arc), laterally they turn
 * superior–inferior (corona-radiata-like), and on the axis itself they run antero-posterior.
 * The field is smooth everywhere in white matter.
 */
public final class HeadAnatomy {
    private static final double[] BRAIN = {0.80, 0.82, 0.76};
    private static final double PARENCHYMA_SCALE = 0.95;
    private static final double WHITE_SCALE = 0.80;
    private static final double[][] VENTRICLE_CENTRES = {{-0.10, 0.02, 0.12}, {0.10, 0.02, 0.12}};
    private static final double[] VENTRICLE_AXES = {0.06, 0.30, 0.10};
    private static final double VENTRICLE_TILT = Math.toRadians(12);
    private static final double[][] NUCLEUS_CENTRES = {{-0.22, -0.04, -0.04}, {0.22, -0.04, -0.04}};
    private static final double[] NUCLEUS_AXES = {0.09, 0.16, 0.10};
    /** Height (normalised z) of the antero-posterior axis the fibres wind around. */
    private static final double FIBRE_AXIS_Z = 0.0;
    /** Antero-posterior pitch of the fibre helices (normalised units), keeps the field non-singular. */
    private static final double FIBRE_PITCH = 0.15;

    private HeadAnatomy() {
    }

    /**
     * Tissue fractions and fibre directions on a grid.
     *
     * @param wm,gm,csf fractions in [0, 1] per voxel, x-fastest; they sum to the brain occupancy
     * @param fibre     unit fibre direction per voxel (world RAS), interleaved (fx, fy, fz) at
     *                  {@code 3*voxel}; defined everywhere, meaningful in white matter
     */
    public record Maps(ImageGeometry geometry, float[] wm, float[] gm, float[] csf, float[] fibre) {
    }

    /**
     * Evaluates the anatomy at every voxel centre of {@code geometry}.
     *
     * @throws IllegalArgumentException when the geometry is not axis-aligned (the phantom is
     *                                  defined along the world axes)
     */
    public static Maps build(ImageGeometry geometry) {
        double[] m = geometry.voxelToWorld();
        if (m[1] != 0 || m[2] != 0 || m[4] != 0 || m[6] != 0 || m[8] != 0 || m[9] != 0) {
            throw new IllegalArgumentException("the head phantom needs an axis-aligned grid, got " + geometry);
        }
        int nx = geometry.nx(), ny = geometry.ny(), nz = geometry.nz();
        double[] sp = geometry.spacing();
        double[] h = {nx * sp[0] / 2, ny * sp[1] / 2, nz * sp[2] / 2};
        double[] c = geometry.fieldOfViewCentre();
        double blur = Math.max(sp[0], Math.max(sp[1], sp[2]));

        Ellipsoid brain = Ellipsoid.normalised(new double[3], BRAIN, 0, h);
        Ellipsoid parenchyma = Ellipsoid.normalised(new double[3], scale(BRAIN, PARENCHYMA_SCALE), 0, h);
        Ellipsoid white = Ellipsoid.normalised(new double[3], scale(BRAIN, WHITE_SCALE), 0, h);
        Ellipsoid[] ventricles = {
                Ellipsoid.normalised(VENTRICLE_CENTRES[0], VENTRICLE_AXES, -VENTRICLE_TILT, h),
                Ellipsoid.normalised(VENTRICLE_CENTRES[1], VENTRICLE_AXES, VENTRICLE_TILT, h)};
        Ellipsoid[] nuclei = {
                Ellipsoid.normalised(NUCLEUS_CENTRES[0], NUCLEUS_AXES, 0, h),
                Ellipsoid.normalised(NUCLEUS_CENTRES[1], NUCLEUS_AXES, 0, h)};

        int n = geometry.numVoxels();
        float[] wm = new float[n], gm = new float[n], csf = new float[n], fibre = new float[3 * n];
        double[] p = new double[3];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = geometry.index(i, j, k);
                    geometry.indexToWorld(i, j, k, p);
                    double x = p[0] - c[0], y = p[1] - c[1], z = p[2] - c[2];
                    double inBrain = brain.occupancy(x, y, z, blur);
                    double inPar = Math.min(inBrain, parenchyma.occupancy(x, y, z, blur));
                    double inWhite = white.occupancy(x, y, z, blur);
                    double inVent = Math.max(ventricles[0].occupancy(x, y, z, blur), ventricles[1].occupancy(x, y, z, blur));
                    double inNuc = Math.max(nuclei[0].occupancy(x, y, z, blur), nuclei[1].occupancy(x, y, z, blur));
                    double tissue = inPar * (1 - inVent);
                    double w = tissue * inWhite * (1 - inNuc);
                    wm[v] = (float) w;
                    gm[v] = (float) (tissue - w);
                    csf[v] = (float) (inBrain - inPar + inPar * inVent);
                    fibreDirection(x / h[0], y / h[1], z / h[2], fibre, 3 * v);
                }
            }
        }
        return new Maps(geometry, wm, gm, csf, fibre);
    }

    /** Unit fibre direction at normalised position (ux, uy, uz), written to out[at..at+2]. */
    static void fibreDirection(double ux, double uy, double uz, float[] out, int at) {
        // tangent of circles around the y axis through (0, ·, FIBRE_AXIS_Z): ŷ × r, plus a pitch along ŷ
        double rz = uz - FIBRE_AXIS_Z;
        double fx = rz, fy = FIBRE_PITCH, fz = -ux;
        double norm = Math.sqrt(fx * fx + fy * fy + fz * fz);
        out[at] = (float) (fx / norm);
        out[at + 1] = (float) (fy / norm);
        out[at + 2] = (float) (fz / norm);
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
            double t = 0.5 - d / width;
            if (t <= 0) {
                return 0;
            }
            if (t >= 1) {
                return 1;
            }
            return t * t * (3 - 2 * t);
        }
    }
}
