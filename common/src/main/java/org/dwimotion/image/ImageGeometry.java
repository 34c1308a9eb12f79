package org.dwimotion.image;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The sampling grid of a 3-D image: its size in voxels and its voxel-to-world affine.
 *
 * <p>Conventions (see {@link org.dwimotion.Conventions}): world is RAS+ millimetres; voxel indices
 * are zero-based continuous (i, j, k) with voxel centres at integers; arrays are x-fastest,
 * {@code index = i + nx * (j + ny * k)}. Both affines are 4×4 row-major homogeneous matrices.
 *
 * <p>Immutable: the affine arrays are copied on the way in and out.
 */
public final class ImageGeometry implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int nx, ny, nz;
    private final double[] voxelToWorld;
    private final double[] worldToVoxel;

    /**
     * @param nx,ny,nz     grid size in voxels, each &gt; 0
     * @param voxelToWorld 16 values, row-major 4×4, last row (0,0,0,1). Not modified.
     */
    public ImageGeometry(int nx, int ny, int nz, double[] voxelToWorld) {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("grid dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        }
        if (voxelToWorld == null || voxelToWorld.length != 16) {
            throw new IllegalArgumentException("voxelToWorld must hold 16 values (4x4 row-major)");
        }
        for (double v : voxelToWorld) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("voxelToWorld has a non-finite value: " + Arrays.toString(voxelToWorld));
            }
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.voxelToWorld = voxelToWorld.clone();
        this.worldToVoxel = Affines.invert(this.voxelToWorld);
    }

    /** A grid with diagonal spacing (mm) and the origin at voxel (0,0,0). */
    public static ImageGeometry ofSpacing(int nx, int ny, int nz, double sx, double sy, double sz) {
        return new ImageGeometry(nx, ny, nz, new double[] {
                sx, 0, 0, 0,
                0, sy, 0, 0,
                0, 0, sz, 0,
                0, 0, 0, 1});
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }

    public int numVoxels() {
        return Math.multiplyExact(Math.multiplyExact(nx, ny), nz);
    }

    /** Linear index of voxel (i, j, k), x-fastest. No bounds check. */
    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    /** Copy of the voxel-to-world affine (4×4 row-major). */
    public double[] voxelToWorld() {
        return voxelToWorld.clone();
    }

    /** Copy of the world-to-voxel affine (4×4 row-major). */
    public double[] worldToVoxel() {
        return worldToVoxel.clone();
    }

    /** Voxel size along each axis in mm (column norms of the 3×3 part). */
    public double[] spacing() {
        double[] s = new double[3];
        for (int c = 0; c < 3; c++) {
            s[c] = Math.sqrt(voxelToWorld[c] * voxelToWorld[c] + voxelToWorld[4 + c] * voxelToWorld[4 + c]
                    + voxelToWorld[8 + c] * voxelToWorld[8 + c]);
        }
        return s;
    }

    /** The mean of the three voxel sizes of {@link #spacing()}, mm. */
    public double meanSpacing() {
        double[] s = spacing();
        return (s[0] + s[1] + s[2]) / 3.0;
    }

    /**
     * Maps a continuous voxel index to world mm.
     *
     * @param out length ≥ 3, receives (x, y, z). Modified.
     */
    public void indexToWorld(double i, double j, double k, double[] out) {
        Affines.apply(voxelToWorld, i, j, k, out);
    }

    /**
     * Maps world mm to a continuous voxel index.
     *
     * @param out length ≥ 3, receives (i, j, k). Modified.
     */
    public void worldToIndex(double x, double y, double z, double[] out) {
        Affines.apply(worldToVoxel, x, y, z, out);
    }

    /** World coordinates of the centre of the field of view (the middle of the voxel grid). */
    public double[] fieldOfViewCentre() {
        double[] c = new double[3];
        indexToWorld((nx - 1) / 2.0, (ny - 1) / 2.0, (nz - 1) / 2.0, c);
        return c;
    }

    public boolean sameGrid(ImageGeometry o, double tolerance) {
        if (o.nx != nx || o.ny != ny || o.nz != nz) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            if (Math.abs(o.voxelToWorld[i] - voxelToWorld[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageGeometry g && g.nx == nx && g.ny == ny && g.nz == nz
                && Arrays.equals(g.voxelToWorld, voxelToWorld);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * nx + ny) + nz) + Arrays.hashCode(voxelToWorld);
    }

    @Override
    public String toString() {
        return "ImageGeometry[" + nx + "x" + ny + "x" + nz + ", voxelToWorld=" + Arrays.toString(voxelToWorld) + "]";
    }
}
