package org.dwimotion.pipeline;

import java.util.Arrays;

/**
 * The start of a run's estimates from its b=0 volumes ({@link InitialMotion#B0}): their motion, the inner ones left
 * out of the interpolation as sudden moves, and the start interpolated through the others
 * ({@link B0MotionInterpolation}). After the first iteration the diffusion-weighted volumes can refute a sudden move
 * ({@link #refutedBy}); the run then restarts from {@link #withKnots} of those volumes.
 *
 * <p>Conventions: N×16 row-major fixed → moving matrices, world RAS mm, relative to the reference b=0 volume
 * ({@link TransformSet}); {@code centre} is the rotation centre of the interpolated parameters (world mm).
 *
 * @param b0Motion  N×16; only the b=0 volumes' entries are meaningful
 * @param b0Volumes the b=0 volumes, increasing
 * @param centre    rotation centre, world mm
 * @param sudden    the b=0 volumes that are not knots, increasing
 * @param start     N×16, the interpolated start
 */
public record B0Start(double[] b0Motion, int[] b0Volumes, double[] centre, int[] sudden, double[] start) {

    /** The start with the sudden moves found by {@link B0MotionInterpolation#suddenMoves} left out as knots. */
    public static B0Start of(double[] b0Motion, int[] b0Volumes, double[] centre) {
        int[] sudden = B0MotionInterpolation.suddenMoves(b0Motion, b0Volumes, centre);
        return new B0Start(b0Motion, b0Volumes, centre, sudden,
                B0MotionInterpolation.interpolate(b0Motion, b0Volumes, centre, sudden));
    }

    /**
     * The sudden moves that the first iteration's estimates refute ({@link B0MotionInterpolation#refutedSuddenMoves}).
     *
     * @param estimates N×16, the estimates after the first iteration (same frame as the start)
     */
    public int[] refutedBy(double[] estimates) {
        return B0MotionInterpolation.refutedSuddenMoves(b0Motion, sudden, start, estimates, b0Volumes, centre);
    }

    /** This start with {@code volumes} (among {@link #sudden}) used as knots again. */
    public B0Start withKnots(int[] volumes) {
        int[] kept = Arrays.stream(sudden).filter(v -> Arrays.stream(volumes).noneMatch(u -> u == v)).toArray();
        return new B0Start(b0Motion, b0Volumes, centre, kept,
                B0MotionInterpolation.interpolate(b0Motion, b0Volumes, centre, kept));
    }
}
