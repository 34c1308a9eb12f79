package org.dwimotion.pipeline;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dwimotion.Quantiles;
import org.dwimotion.motion.FramewiseDisplacement;
import org.dwimotion.registration.transform.RigidTransform;

/**
 * Initial transforms of a series from its b=0 volumes' transforms, interpolated in acquisition (file) order.
 *
 * <p>Transforms are N 4×4 row-major fixed → moving matrices, world RAS mm ({@link TransformSet}). Each b=0 volume
 * keeps its own matrix. Every other volume gets the rigid motion interpolated linearly between the nearest b=0
 * volumes before and after it in file order — the six rigid parameters {@code [tx, ty, tz, rx, ry, rz]} (mm,
 * radians, Euler angles about {@code centre}, {@link RigidTransform}); an angle difference is taken modulo 2π —
 * and the constant motion of the first (last) b=0 volume before (after) it. An affine b=0 matrix contributes
 * its rigid part only (nearest rotation); the interpolated volumes are rigid.
 *
 * <p>Why (issue #6, docs/accuracy.md "Decomposition"): the leave-one-out iterations never update the part of the
 * DWI motion estimates that lies in the span of the model's design over the volumes (it is absorbed by the fit),
 * so that part of the final error is the error of the initial estimate. Head motion is smooth in time and the
 * interleaved b=0 volumes are registered accurately (to the mean of the other b=0 volumes), so their
 * interpolation is a better initial value there than the identity.
 *
 * <p>Sudden moves: a b=0 volume caught in a sudden move would pass that move to every volume between its b=0
 * neighbours (docs/accuracy.md, "Realistic resolution": a b=0 spike in the middle of a 64-volume series left the 30
 * DWIs around it 0.3–0.6° off about the phantom's weakest axis after both iterations). So an inner b=0 volume that
 * lies further from the straight line between its two b=0 neighbours than those neighbours lie from each other,
 * and by more than {@value #SUDDEN_MOVE_MM} mm, is not used as a knot ({@link #suddenMoves}); it keeps its own
 * transform. Distances are framewise-displacement-like ({@link FramewiseDisplacement#between}). Smooth drift
 * between b=0 volumes deviates from the chord by less than the chord's own length unless it turns back sharply;
 * the first and last b=0 volumes have one neighbour and are always used. A drift that does turn back (large motion)
 * is taken for a sudden move too; the diffusion-weighted volumes around the b=0 volume tell the two apart after the
 * first iteration ({@link #refutedSuddenMoves}, {@link B0Start}).
 */
public final class B0MotionInterpolation {
    /** Smallest deviation from the neighbours' chord (mm, FD-like) read as a sudden move: FD's usual threshold. */
    public static final double SUDDEN_MOVE_MM = 0.5;
    /** Non-b=0 volumes on each side of a b=0 volume that vote on its sudden move ({@link #refutedSuddenMoves}). */
    public static final int NEIGHBOURS_PER_SIDE = 2;

    private B0MotionInterpolation() {
    }

    /**
     * @param transforms N×16 flattened; only the entries of {@code b0Volumes} are read. Not modified.
     * @param b0Volumes  the b=0 volumes' indices, strictly increasing, at least one
     * @param centre     rotation centre of the interpolated parameters, world mm (the field-of-view centre)
     * @return a new N×16 array
     * @throws IllegalArgumentException when there is no b=0 volume or the indices are not increasing and in range
     */
    public static double[] interpolate(double[] transforms, int[] b0Volumes, double[] centre) {
        return interpolate(transforms, b0Volumes, centre, suddenMoves(transforms, b0Volumes, centre));
    }

    /**
     * As {@link #interpolate(double[], int[], double[])}, with the b=0 volumes left out as knots given instead of
     * found ({@link #suddenMoves}): after the first iteration a sudden move the diffusion-weighted volumes refute
     * ({@link #refutedSuddenMoves}) is put back.
     *
     * @param skipped b=0 volumes (among {@code b0Volumes}) that keep their own transform but are not knots
     */
    public static double[] interpolate(double[] transforms, int[] b0Volumes, double[] centre, int[] skipped) {
        int n = transforms.length / 16;
        if (transforms.length != 16 * n || b0Volumes.length == 0) {
            throw new IllegalArgumentException("need N×16 transforms and at least one b=0 volume");
        }
        double[][] all = parameters(transforms, b0Volumes, centre);
        Set<Integer> skip = Arrays.stream(skipped).boxed().collect(Collectors.toSet());
        int[] kept = IntStream.range(0, b0Volumes.length).filter(k -> !skip.contains(b0Volumes[k])).toArray();
        int[] knots = Arrays.stream(kept).map(k -> b0Volumes[k]).toArray();
        double[][] p = Arrays.stream(kept).mapToObj(k -> all[k]).toArray(double[][]::new);
        double[] out = new double[16 * n];
        int next = 0; // index into knots of the first knot at or after v
        for (int v = 0; v < n; v++) {
            while (next < knots.length && knots[next] < v) {
                next++;
            }
            double[] m;
            if (next == 0) {
                m = new RigidTransform(centre, p[0]).toMatrix();
            } else if (next == knots.length) {
                m = new RigidTransform(centre, p[next - 1]).toMatrix();
            } else {
                int a = knots[next - 1], b = knots[next];
                m = new RigidTransform(centre, between(p[next - 1], p[next], (double) (v - a) / (b - a))).toMatrix();
            }
            System.arraycopy(m, 0, out, 16 * v, 16);
        }
        for (int v : b0Volumes) {
            System.arraycopy(transforms, 16 * v, out, 16 * v, 16);
        }
        return out;
    }

    /**
     * The inner b=0 volumes that moved suddenly (see the class comment): those whose rigid parameters lie further
     * from the linear interpolation of their two b=0 neighbours' than the neighbours lie from each other, and by
     * more than {@value #SUDDEN_MOVE_MM} mm (FD-like).
     *
     * @param transforms N×16 flattened; only the entries of {@code b0Volumes} are read. Not modified.
     * @param b0Volumes  the b=0 volumes' indices, strictly increasing, at least one
     * @param centre     rotation centre of the parameters, world mm
     * @return the volume indices, increasing; empty when there are fewer than three b=0 volumes
     * @throws IllegalArgumentException when the indices are not increasing and in range
     */
    public static int[] suddenMoves(double[] transforms, int[] b0Volumes, double[] centre) {
        double[][] p = parameters(transforms, b0Volumes, centre);
        return IntStream.range(0, b0Volumes.length).filter(k -> suddenMove(p, b0Volumes, k))
                .map(k -> b0Volumes[k]).toArray();
    }

    /**
     * The b=0 volumes taken for sudden moves ({@link #suddenMoves}) that the diffusion-weighted volumes around them
     * moved with, after a first iteration: the chord test cannot tell a sudden move of one b=0 volume from a drift
     * that turns back between b=0 volumes (out and back within 22 volumes under 5 mm / 5° motion: large-motion seed
     * 4 of docs/accuracy.md, "DTI warm-ups until they settle"), but the DWIs next to it can. For each such volume the
     * nearest {@value #NEIGHBOURS_PER_SIDE} non-b=0 volumes on each side vote: each compares its first-iteration
     * estimate with the b=0 volume's own transform and with its start (the interpolation without that knot), FD-like
     * distances; the move is refuted when the median over them of (distance to the b=0 volume − distance to the
     * start) is negative. A real sudden move leaves its neighbours on the drift, near their start; a turning drift
     * takes them with the b=0 volume. The median keeps one spiking neighbour from deciding.
     *
     * @param b0Motion  N×16, the b=0 volumes' transforms as interpolated from (only those entries are read)
     * @param sudden    the b=0 volumes left out as knots
     * @param start     N×16, the start interpolated without them
     * @param estimates N×16, the estimates after the first iteration, in the same frame
     * @param b0Volumes every b=0 volume, increasing (they never vote)
     * @param centre    rotation centre of the parameters, world mm
     * @return the refuted volumes among {@code sudden}, increasing
     */
    public static int[] refutedSuddenMoves(double[] b0Motion, int[] sudden, double[] start, double[] estimates,
                                           int[] b0Volumes, double[] centre) {
        int n = estimates.length / 16;
        Set<Integer> b0 = Arrays.stream(b0Volumes).boxed().collect(Collectors.toSet());
        return Arrays.stream(sudden).filter(v -> {
            double[] own = parametersOf(b0Motion, v, centre);
            double[] votes = new double[2 * NEIGHBOURS_PER_SIDE];
            int k = 0;
            for (int dir : new int[] {-1, 1}) {
                int found = 0;
                for (int u = v + dir; u >= 0 && u < n && found < NEIGHBOURS_PER_SIDE; u += dir) {
                    if (b0.contains(u)) {
                        continue;
                    }
                    double[] e = parametersOf(estimates, u, centre);
                    votes[k++] = FramewiseDisplacement.between(e, 0, own, 0)
                            - FramewiseDisplacement.between(e, 0, parametersOf(start, u, centre), 0);
                    found++;
                }
            }
            return k > 0 && Quantiles.median(Arrays.copyOf(votes, k)) < 0;
        }).toArray();
    }

    private static double[] parametersOf(double[] transforms, int v, double[] centre) {
        return RigidTransform.fromMatrix(TransformSet.get(transforms, v), centre).getParameters();
    }

    /** Whether the k-th b=0 volume, with parameters {@code p[k]}, is an inner one that moved suddenly. */
    private static boolean suddenMove(double[][] p, int[] b0Volumes, int k) {
        if (k == 0 || k == b0Volumes.length - 1) {
            return false;
        }
        int a = b0Volumes[k - 1], b = b0Volumes[k + 1];
        double[] chord = between(p[k - 1], p[k + 1], (double) (b0Volumes[k] - a) / (b - a));
        double off = FramewiseDisplacement.between(p[k], 0, chord, 0);
        return off > SUDDEN_MOVE_MM && off > FramewiseDisplacement.between(p[k - 1], 0, p[k + 1], 0);
    }

    /** The rigid parameters about {@code centre} of the listed volumes; checks the indices. */
    private static double[][] parameters(double[] transforms, int[] volumes, double[] centre) {
        int n = transforms.length / 16;
        double[][] p = new double[volumes.length][];
        for (int k = 0; k < volumes.length; k++) {
            int v = volumes[k];
            if (v < 0 || v >= n || (k > 0 && v <= volumes[k - 1])) {
                throw new IllegalArgumentException("b=0 volume indices must increase within 0.." + (n - 1));
            }
            p[k] = parametersOf(transforms, v, centre);
        }
        return p;
    }

    /**
     * Removes the leave-one-out gain of b=0 transforms registered to the mean of the <em>other</em> (unaligned)
     * b=0 volumes. To first order such an estimate is {@code m_v − mean_{u≠v} m_u}, so relative to one b=0 volume
     * {@code r} it is {@code n/(n−1)·(m_v − m_r)} for n b=0 volumes (the simulator's 4 b=0s: slope 1.34 measured,
     * 4/3 predicted); the rigid parameters of {@code T_v·T_r⁻¹} are scaled by {@code (n−1)/n}.
     *
     * @param transforms N×16 flattened, already relative to the b=0 volume {@code r}
     *                   ({@link TransformSet#relativeTo});
     *                   only the entries of {@code b0Volumes} are read and changed (rigid: an affine b=0 matrix
     *                   becomes its scaled rigid part). Not modified.
     * @param b0Volumes  the b=0 volumes' indices, at least two
     * @param centre     rotation centre of the parameters, world mm
     * @return a new N×16 array
     */
    public static double[] withoutLeaveOneOutGain(double[] transforms, int[] b0Volumes, double[] centre) {
        if (b0Volumes.length < 2) {
            throw new IllegalArgumentException("need at least two b=0 volumes");
        }
        double s = (b0Volumes.length - 1.0) / b0Volumes.length;
        double[] out = transforms.clone();
        for (int v : b0Volumes) {
            double[] p = parametersOf(transforms, v, centre);
            for (int k = 0; k < 6; k++) {
                p[k] *= s;
            }
            System.arraycopy(new RigidTransform(centre, p).toMatrix(), 0, out, 16 * v, 16);
        }
        return out;
    }

    /** (1 − w)·pa + w·pb for the translations; the angles along their shorter difference (modulo 2π). */
    static double[] between(double[] pa, double[] pb, double w) {
        double[] out = new double[6];
        for (int k = 0; k < 6; k++) {
            double d = pb[k] - pa[k];
            if (k >= 3) {
                d = Math.IEEEremainder(d, 2 * Math.PI);
            }
            out[k] = pa[k] + w * d;
        }
        return out;
    }
}
