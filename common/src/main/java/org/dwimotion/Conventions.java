package org.dwimotion;

/**
 * The single source of truth for units, frames and orderings used across dwimotion.
 *
 * <h2>Units</h2>
 * <ul>
 *   <li>b-values in s/mm²; diffusivities in mm²/s; kurtosis dimensionless.</li>
 *   <li>Lengths, translations and smoothing sigmas in millimetres (world), never voxels,
 *       unless a name says {@code Voxels}.</li>
 *   <li>Angles in radians.</li>
 * </ul>
 *
 * <h2>Frames</h2>
 * <ul>
 *   <li><b>World</b>: NIfTI RAS+ millimetres, taken from the sform when {@code sform_code > 0},
 *       else the qform, else pixdim scaling (see {@code nifti1.h}).</li>
 *   <li><b>Voxel</b>: zero-based continuous index (i, j, k) along the file's first three axes;
 *       voxel centres sit at integer indices. Arrays are stored x-fastest:
 *       {@code index = i + nx * (j + ny * k)}, as on disk.</li>
 *   <li><b>ITK/ANTs</b> uses LPS+: {@code (x, y, z)_LPS = (-x, -y, z)_RAS}. Conversion happens only
 *       where ITK files are written or read.</li>
 *   <li><b>Transforms</b> follow the ITK convention: a registration result maps a point of the
 *       fixed (reference) space to the corresponding point of the moving image ("fixed → moving"),
 *       as a 4×4 homogeneous matrix in world RAS mm, row-major.</li>
 *   <li><b>Gradient vectors</b> on disk are in the FSL/BIDS frame: image axes, with x flipped when
 *       the determinant of the voxel-to-world 3×3 is positive.</li>
 * </ul>
 *
 * <h2>Orderings</h2>
 * The diffusion tensor's six unique elements are ordered lower-triangular, as DIPY does:
 * {@link #DXX}, {@link #DXY}, {@link #DYY}, {@link #DXZ}, {@link #DYZ}, {@link #DZZ}.
 */
public final class Conventions {
    /** Tensor element indices (lower-triangular order). */
    public static final int DXX = 0, DXY = 1, DYY = 2, DXZ = 3, DYZ = 4, DZZ = 5;

    /** Volumes with b at or below this value are b=0 volumes (s/mm²). */
    public static final double DEFAULT_B0_THRESHOLD = 50.0;

    /** Shells are grouped when their b-values differ by at most this (s/mm²). */
    public static final double DEFAULT_SHELL_TOLERANCE = 100.0;

    /** Signals are raised to at least this before taking logs (DIPY's {@code MIN_POSITIVE_SIGNAL}). */
    public static final double MIN_POSITIVE_SIGNAL = 1e-4;

    private Conventions() {
    }
}
