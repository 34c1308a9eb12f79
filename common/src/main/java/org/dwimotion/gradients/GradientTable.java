package org.dwimotion.gradients;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dwimotion.Conventions;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;

/**
 * An immutable diffusion gradient table: one b-value (s/mm²) and one b-vector per volume.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Vectors are N×3 row-major, in the FSL/BIDS frame as on disk (image axes, x flipped when the
 *       voxel-to-world 3×3 has a positive determinant); {@link BvecFrames} converts to and from world RAS.</li>
 *   <li>Every vector is (near-)unit length or zero. A vector whose norm differs from 1 by more than
 *       {@value #NORM_TOLERANCE} is normalised and its b-value multiplied by norm² (the scanner encoded a
 *       weaker b as a shorter vector, as NiFreeze and MRtrix assume). A vector within the tolerance is kept
 *       exactly as written: its deviation is rounding in the text file, and keeping it is what DIPY does, so
 *       LOVO predictions match DIPY's to 1e-11 rather than 4e-6 (see docs/models.md).</li>
 *   <li>NaN vectors on b=0 rows are read as zero (DIPY's data does this); on diffusion-weighted rows they are
 *       an error, as are zero vectors, negative or non-finite b-values.</li>
 *   <li>b=0 volumes are those with b ≤ {@link #b0Threshold()} (default
 *       {@link Conventions#DEFAULT_B0_THRESHOLD} = 50 s/mm²).</li>
 * </ul>
 * Problems in files raise {@link GradientFormatException}; problems in in-memory arguments raise
 * {@link IllegalArgumentException}. Both name the source.
 */
public final class GradientTable implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Norm deviation from 1 beyond which a vector's b-value is rescaled by norm². */
    public static final double NORM_TOLERANCE = 1e-2;

    private final double[] bvals;
    private final double[] bvecs;
    private final double b0Threshold;
    private final String source;

    private GradientTable(double[] bvals, double[] bvecs, double b0Threshold, String source) {
        this.bvals = bvals;
        this.bvecs = bvecs;
        this.b0Threshold = b0Threshold;
        this.source = source;
    }

    /** In-memory table with the default b0 threshold; normalises as described above. */
    public static GradientTable of(double[] bvals, double[] bvecsNx3) {
        return of(bvals, bvecsNx3, Conventions.DEFAULT_B0_THRESHOLD);
    }

    /**
     * @param bvals      N b-values (s/mm²). Not modified.
     * @param bvecsNx3   3N values, row-major N×3. Not modified.
     * @param b0Threshold b ≤ this is a b=0 volume
     * @throws IllegalArgumentException on bad counts or values
     */
    public static GradientTable of(double[] bvals, double[] bvecsNx3, double b0Threshold) {
        return build(bvals, bvecsNx3, b0Threshold, "in-memory gradient table");
    }

    public static GradientTable read(String bvalLocation, String bvecLocation) throws IOException {
        return read(bvalLocation, bvecLocation, Locations.storage(), Conventions.DEFAULT_B0_THRESHOLD);
    }

    /** Reads FSL text files (3×N or N×3 vectors, whitespace or comma separated). */
    public static GradientTable read(String bvalLocation, String bvecLocation, Storage storage, double b0Threshold)
            throws IOException {
        String source = bvalLocation + " / " + bvecLocation;
        double[] b = FslGradientFiles.readBvals(storage, bvalLocation);
        double[] v = FslGradientFiles.readBvecs(storage, bvecLocation, b.length);
        try {
            return build(b, v, b0Threshold, source);
        } catch (Invalid e) {
            throw new GradientFormatException(source, e.problem, e);
        }
    }

    public static GradientTable fromSidecars(String niftiLocation) throws IOException {
        return fromSidecars(niftiLocation, Locations.storage(), Conventions.DEFAULT_B0_THRESHOLD);
    }

    /**
     * Reads the BIDS/FSL sidecars next to a NIfTI: {@code x.nii.gz} → {@code x.bval}, {@code x.bvec}
     * (falling back to {@code x.bvals}/{@code x.bvecs}).
     *
     * @throws FileNotFoundException naming the expected files when they are absent
     */
    public static GradientTable fromSidecars(String niftiLocation, Storage storage, double b0Threshold)
            throws IOException {
        String[] found = findSidecars(niftiLocation, storage);
        if (found == null) {
            String base = Locations.stripNiftiExtension(niftiLocation);
            throw new FileNotFoundException(niftiLocation + ": no gradient sidecars found (looked for " + base
                    + ".bval and " + base + ".bvec)");
        }
        return read(found[0], found[1], storage, b0Threshold);
    }

    /** The {bval, bvec} sidecar locations of a NIfTI, or null when they are not both present. */
    public static String[] findSidecars(String niftiLocation, Storage storage) throws IOException {
        String base = Locations.stripNiftiExtension(niftiLocation);
        for (String[] ext : new String[][] {{".bval", ".bvec"}, {".bvals", ".bvecs"}}) {
            if (storage.exists(base + ext[0]) && storage.exists(base + ext[1])) {
                return new String[] {base + ext[0], base + ext[1]};
            }
        }
        return null;
    }

    private static GradientTable build(double[] bvalsIn, double[] bvecsIn, double b0Threshold, String source) {
        if (bvalsIn == null || bvecsIn == null) {
            throw new Invalid(source, "b-values and b-vectors are required");
        }
        if (!(b0Threshold >= 0) || !Double.isFinite(b0Threshold)) {
            throw new Invalid(source, "b0 threshold must be a finite value >= 0: " + b0Threshold);
        }
        int n = bvalsIn.length;
        if (bvecsIn.length != 3 * n) {
            throw new Invalid(source, n + " b-values but " + bvecsIn.length / 3.0
                    + " b-vectors (" + bvecsIn.length + " numbers)");
        }
        if (n == 0) {
            throw new Invalid(source, "empty gradient table");
        }
        double[] b = bvalsIn.clone();
        double[] g = bvecsIn.clone();
        for (int v = 0; v < n; v++) {
            if (!Double.isFinite(b[v]) || b[v] < 0) {
                throw new Invalid(source, "volume " + v + " has b-value " + b[v]
                        + " (must be finite and >= 0)");
            }
            double x = g[3 * v], y = g[3 * v + 1], z = g[3 * v + 2];
            if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(z)) {
                if (b[v] > b0Threshold) {
                    throw new Invalid(source, "volume " + v + " has b=" + b[v]
                            + " but a NaN gradient vector");
                }
                g[3 * v] = g[3 * v + 1] = g[3 * v + 2] = 0;
                continue;
            }
            double norm = Math.sqrt(x * x + y * y + z * z);
            if (!Double.isFinite(norm)) {
                throw new Invalid(source, "volume " + v + " has an infinite gradient vector");
            }
            if (norm > 0 && Math.abs(norm - 1) > NORM_TOLERANCE) {
                g[3 * v] = x / norm;
                g[3 * v + 1] = y / norm;
                g[3 * v + 2] = z / norm;
                b[v] *= norm * norm;
            }
            if (norm == 0 && b[v] > b0Threshold) {
                throw new Invalid(source, "volume " + v + " has b=" + b[v]
                        + " but a zero gradient vector");
            }
        }
        return new GradientTable(b, g, b0Threshold, source);
    }

    /** A bad table: the message names the source; {@link #problem} is the message without it. */
    private static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String problem;

        Invalid(String source, String problem) {
            super(source + ": " + problem);
            this.problem = problem;
        }
    }

    /** The same vectors and b-values with another b0 threshold. */
    public GradientTable withB0Threshold(double threshold) {
        return build(bvals, bvecs, threshold, source);
    }

    /** Number of volumes. */
    public int size() {
        return bvals.length;
    }

    /** Copy of the b-values (s/mm², after any norm² rescaling). */
    public double[] bvals() {
        return bvals.clone();
    }

    /** Copy of the b-vectors, N×3 row-major, FSL frame: unit within {@value #NORM_TOLERANCE} (as written) or zero. */
    public double[] bvecs() {
        return bvecs.clone();
    }

    public double bval(int v) {
        return bvals[v];
    }

    /** Component {@code c} (0..2) of vector {@code v}. */
    public double bvec(int v, int c) {
        return bvecs[3 * v + c];
    }

    public double b0Threshold() {
        return b0Threshold;
    }

    /** Where the table came from (file names or "in-memory"), for messages. */
    public String source() {
        return source;
    }

    public boolean isB0(int v) {
        return bvals[v] <= b0Threshold;
    }

    public int[] b0Indices() {
        return indices(true);
    }

    public int[] dwiIndices() {
        return indices(false);
    }

    private int[] indices(boolean b0) {
        int[] out = new int[bvals.length];
        int m = 0;
        for (int v = 0; v < bvals.length; v++) {
            if (isB0(v) == b0) {
                out[m++] = v;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /**
     * Checks that the table has one entry per volume of a NIfTI series.
     *
     * @throws IllegalArgumentException naming both sources when the counts differ
     */
    public void requireVolumes(int nt, String niftiLocation) {
        if (nt != bvals.length) {
            throw new IllegalArgumentException(source + " lists " + bvals.length + " gradients but "
                    + niftiLocation + " has " + nt + " volumes");
        }
    }

    /** The vectors as world RAS directions for an image with this affine (see {@link BvecFrames}). */
    public double[] worldBvecs(ImageGeometry geometry) {
        return BvecFrames.fslToWorld(bvecs, geometry.voxelToWorld());
    }

    /**
     * The table after registration: volume v's vector becomes {@code Rᵀ·g} in world (R the rotation part
     * of {@code fixedToMoving[v]}, see {@link BvecFrames}), expressed back in the FSL frame of
     * {@code geometry}. b-values are unchanged.
     *
     * @param geometry      the image the vectors refer to (the reference grid)
     * @param fixedToMoving one 4×4 row-major world transform per volume (null entries: identity). Not modified.
     */
    public GradientTable reoriented(ImageGeometry geometry, double[][] fixedToMoving) {
        if (fixedToMoving.length != size()) {
            throw new IllegalArgumentException(source + ": " + fixedToMoving.length + " transforms for "
                    + size() + " volumes");
        }
        double[] world = worldBvecs(geometry);
        double[] g = new double[3];
        for (int v = 0; v < size(); v++) {
            if (fixedToMoving[v] == null) {
                continue;
            }
            System.arraycopy(world, 3 * v, g, 0, 3);
            BvecFrames.toReference(g, fixedToMoving[v], g);
            System.arraycopy(g, 0, world, 3 * v, 3);
        }
        // Frame changes and the (polar) rotation are orthogonal, so each vector keeps its norm as read.
        return new GradientTable(bvals.clone(), BvecFrames.worldToFsl(world, geometry.voxelToWorld()),
                b0Threshold, source + " (reoriented)");
    }

    /**
     * Writes FSL text files: one line of b-values, three lines of vector components (3×N), each written
     * atomically through {@code storage}.
     */
    public void writeFsl(String bvalLocation, String bvecLocation, Storage storage) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int v = 0; v < size(); v++) {
            b.append(v == 0 ? "" : " ");
            double x = bvals[v];
            b.append(x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x)
                    : String.format(Locale.ROOT, "%.6f", x));
        }
        b.append('\n');
        StringBuilder g = new StringBuilder();
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < size(); v++) {
                g.append(v == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.10f", bvecs[3 * v + c]));
            }
            g.append('\n');
        }
        storage.writeAtomically(bvalLocation, out -> out.write(b.toString().getBytes(StandardCharsets.US_ASCII)));
        storage.writeAtomically(bvecLocation, out -> out.write(g.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    /** Shells with the default tolerance ({@link Conventions#DEFAULT_SHELL_TOLERANCE}). */
    public List<Shell> shells() {
        return shells(Conventions.DEFAULT_SHELL_TOLERANCE);
    }

    /**
     * Groups volumes by b-value: the b=0 volumes form the first group (when any); the others, sorted by
     * b, start a new shell whenever a b-value exceeds the smallest b of the current shell by more than
     * {@code tolerance}. Non-shelled (DSI-like) schemes therefore give many small shells.
     */
    public List<Shell> shells(double tolerance) {
        List<Shell> out = new ArrayList<>();
        int[] b0 = b0Indices();
        if (b0.length > 0) {
            out.add(new Shell(mean(b0), b0, true));
        }
        Integer[] order = Arrays.stream(dwiIndices()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (p, q) -> Double.compare(bvals[p], bvals[q]));
        int start = 0;
        for (int i = 1; i <= order.length; i++) {
            if (i == order.length || bvals[order[i]] - bvals[order[start]] > tolerance) {
                int[] members = new int[i - start];
                for (int k = start; k < i; k++) {
                    members[k - start] = order[k];
                }
                Arrays.sort(members);
                out.add(new Shell(mean(members), members, false));
                start = i;
            }
        }
        return out;
    }

    private double mean(int[] idx) {
        double s = 0;
        for (int v : idx) {
            s += bvals[v];
        }
        return s / idx.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GradientTable t && Arrays.equals(t.bvals, bvals) && Arrays.equals(t.bvecs, bvecs)
                && t.b0Threshold == b0Threshold;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bvals) + Arrays.hashCode(bvecs);
    }

    @Override
    public String toString() {
        return "GradientTable[" + size() + " volumes, " + b0Indices().length + " b0, from " + source + "]";
    }
}
