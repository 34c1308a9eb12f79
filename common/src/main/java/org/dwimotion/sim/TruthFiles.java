package org.dwimotion.sim;

import java.util.Locale;
import org.dwimotion.image.Affines;

/**
 * Text of the ground-truth files written next to a simulated series.
 *
 * <h2>{@code motion_truth.tsv}</h2>
 * One header line, then one row per volume, tab-separated:
 * {@code volume bval trans_x trans_y trans_z rot_x rot_y rot_z spike eddy_x eddy_y eddy_z}.
 * Translations in mm and rotations in radians are the parameters of the rigid head motion
 * {@code T(x) = R·(x − c) + c + t}, {@code R = Rz(rot_z)·Ry(rot_y)·Rx(rot_x)} (right-handed rotations
 * about the world RAS axes, x applied first), c = {@code centre_mm} of the JSON (the centre of the
 * field of view, world (0, 0, 0) for simulated grids). {@code spike} is 1 for a sudden-motion volume.
 * {@code eddy_*} are the y displacements per mm along x, y, z of the eddy-current-like distortion
 * {@code E(x) = x + ŷ·(eddy · (x − c))} (0 for b=0 volumes and when no eddy was simulated).
 *
 * <h2>{@code motion_truth.json}</h2>
 * The same per volume plus {@code fixed_to_moving}: the full truth transform E∘T as a row-major 4×4
 * in world RAS mm, in the ITK "fixed → moving" convention of {@link org.dwimotion.Conventions}: for a
 * point x of the reference (volume 0) image, {@code fixed_to_moving · x} is where the same anatomy
 * lies in volume v. Also {@code bvec_world} (the scanner-frame gradient, world RAS) and
 * {@code bvec_head} (that gradient seen in the reference head frame, Rᵀ·g).
 */
public final class TruthFiles {
    private TruthFiles() {
    }

    public static String motionTsv(SimulatedSeries s) {
        StringBuilder b = new StringBuilder(
                "volume\tbval\ttrans_x\ttrans_y\ttrans_z\trot_x\trot_y\trot_z\tspike\teddy_x\teddy_y\teddy_z\n");
        for (int v = 0; v < s.volumes(); v++) {
            double[] p = s.motion()[v].toArray();
            b.append(v).append('\t').append(bval(s.scheme().bvals()[v]));
            for (double x : p) {
                b.append('\t').append(fixed(x));
            }
            b.append('\t').append(s.spike()[v] ? 1 : 0);
            for (int c = 0; c < 3; c++) {
                b.append('\t').append(fixed(s.eddy()[3 * v + c]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    public static String motionJson(SimulatedSeries s, SimulationConfig config) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"format\": \"dwimotion simulation truth 1\",\n");
        b.append("  \"transform_convention\": \"fixed_to_moving: ITK fixed->moving, 4x4 row-major, world RAS mm; "
                + "for a point x of the reference (volume 0) image, fixed_to_moving*x is where that anatomy lies in "
                + "volume v\",\n");
        b.append("  \"rigid_convention\": \"T(x) = R*(x - centre_mm) + centre_mm + trans; R = Rz(rot_z)*Ry(rot_y)*Rx(rot_x), "
                + "right-handed about world RAS axes, radians; trans in mm\",\n");
        b.append("  \"eddy_convention\": \"E(x) = x + e_y*(eddy . (x - centre_mm)), along world y (phase encoding); "
                + "fixed_to_moving = E o T\",\n");
        b.append("  \"gradient_convention\": \"bvec_world: scanner frame, world RAS (dwi.bvec holds it in the FSL frame); "
                + "bvec_head: the same gradient in the reference head frame, R^T*bvec_world\",\n");
        b.append("  \"centre_mm\": ").append(array(s.centre())).append(",\n");
        b.append("  \"shape\": [").append(s.geometry().nx()).append(", ").append(s.geometry().ny()).append(", ")
                .append(s.geometry().nz()).append("],\n");
        b.append("  \"voxel_to_world\": ").append(array(s.geometry().voxelToWorld())).append(",\n");
        b.append("  \"noise_sigma\": ").append(s.sigma()).append(",\n");
        b.append("  \"config\": ").append(configJson(config)).append(",\n");
        b.append("  \"volumes\": [\n");
        double[] head = new double[3];
        for (int v = 0; v < s.volumes(); v++) {
            double[] g = {s.scheme().bvecs()[3 * v], s.scheme().bvecs()[3 * v + 1], s.scheme().bvecs()[3 * v + 2]};
            MotionModel.gradientInHeadFrame(s.motion()[v], g[0], g[1], g[2], head);
            RigidMotion m = s.motion()[v];
            b.append("    {\"volume\": ").append(v)
                    .append(", \"bval\": ").append(bval(s.scheme().bvals()[v]))
                    .append(", \"bvec_world\": ").append(array(g))
                    .append(", \"bvec_head\": ").append(array(head))
                    .append(", \"trans\": ").append(array(new double[] {m.transX(), m.transY(), m.transZ()}))
                    .append(", \"rot\": ").append(array(new double[] {m.rotX(), m.rotY(), m.rotZ()}))
                    .append(", \"spike\": ").append(s.spike()[v])
                    .append(", \"eddy\": ").append(array(new double[] {s.eddy()[3 * v], s.eddy()[3 * v + 1], s.eddy()[3 * v + 2]}))
                    .append(",\n     \"fixed_to_moving\": ").append(array(s.transform(v)))
                    .append(",\n     \"moving_to_fixed\": ").append(array(Affines.invert(s.transform(v))))
                    .append('}').append(v + 1 < s.volumes() ? ",\n" : "\n");
        }
        b.append("  ]\n}\n");
        return b.toString();
    }

    private static String configJson(SimulationConfig c) {
        int[] sh = c.shape();
        return "{\"shape\": [" + sh[0] + ", " + sh[1] + ", " + sh[2] + "], \"voxel_mm\": " + c.voxelMm()
                + ", \"shells\": " + array(c.shells()) + ", \"directions\": " + c.directionsPerShell()
                + ", \"b0\": " + c.b0Count() + ", \"snr\": " + c.snr() + ", \"max_translation_mm\": " + c.maxTranslationMm()
                + ", \"max_rotation_deg\": " + c.maxRotationDegrees() + ", \"spikes\": " + c.spikes()
                + ", \"eddy\": " + c.eddyFraction() + ", \"seed\": " + c.seed() + ", \"voxel_samples\": " + c.voxelSamples()
                + "}";
    }

    /** FSL .bval text: one line of b-values. */
    public static String bval(double[] bvals) {
        StringBuilder b = new StringBuilder();
        for (int v = 0; v < bvals.length; v++) {
            b.append(v > 0 ? " " : "").append(bval(bvals[v]));
        }
        return b.append('\n').toString();
    }

    /**
     * FSL .bvec text: three lines (x, y, z components).
     *
     * @param fslNx3 unit vectors already in the FSL frame, row-major N×3. Not modified.
     */
    public static String bvec(double[] fslNx3) {
        int n = fslNx3.length / 3;
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < n; v++) {
                b.append(v > 0 ? " " : "").append(String.format(Locale.ROOT, "%.8f", fslNx3[3 * v + c] + 0.0));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String bval(double b) {
        return b == Math.rint(b) ? Long.toString((long) b) : Double.toString(b);
    }

    private static String fixed(double x) {
        return String.format(Locale.ROOT, "%.10f", x + 0.0);
    }

    private static String array(double[] a) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            b.append(i > 0 ? ", " : "").append(a[i] + 0.0);
        }
        return b.append(']').toString();
    }
}
