package org.dwimotion.registration;

import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.sim.HeadAnatomy;
import org.dwimotion.sim.TissueClass;

/**
 * Head-like test images of two contrasts from the simulator's anatomy ({@link HeadAnatomy}), sampled exactly (no
 * interpolation) through a transform: a b=0-like image (CSF brightest) and the mean of a diffusion-weighted shell
 * (CSF dark), each tissue's signal {@code S0·exp(−b·MD + (b·MD)²·K/6)} with its mean diffusivity MD (mm²/s) and mean
 * kurtosis K (the direction average of a shell, to first order). Units: b in s/mm², world RAS mm.
 */
public final class HeadContrastImages {
    private HeadContrastImages() {
    }

    /** The 32×38×32 grid of 5.5 mm voxels of the accuracy series ({@code scripts/accuracy.sh}'s coarse grid). */
    public static ImageGeometry accuracyGrid() {
        return ImageGeometry.ofSpacing(32, 38, 32, 5.5, 5.5, 5.5);
    }

    /**
     * {@code image(T⁻¹·y)} at the voxel centres y: the anatomy moved by T, so that registering it (moving) to the
     * unmoved image (fixed) should give the fixed → moving T.
     *
     * @param b             0 for the b=0 contrast, else the shell's b-value (s/mm²)
     * @param fixedToMoving 4×4 row-major, or null for the identity. Not modified.
     */
    public static Image3D image(ImageGeometry grid, double b, double[] fixedToMoving) {
        HeadAnatomy anatomy = new HeadAnatomy(grid);
        double[] inv = fixedToMoving == null ? Affines.identity() : Affines.invert(fixedToMoving);
        TissueClass[] tissues = {TissueClass.WHITE_MATTER, TissueClass.GREY_MATTER, TissueClass.CSF};
        double[] signal = new double[3];
        for (int t = 0; t < 3; t++) {
            TissueClass c = tissues[t];
            double md = c.meanDiffusivity();
            double k = (c.kPar() + 2 * c.kPerp()) / 3;
            signal[t] = c.s0() * Math.exp(-b * md + (b * md) * (b * md) * k / 6);
        }
        double[] w = new double[3], p = new double[3], f = new double[3], dir = new double[3];
        float[] data = new float[grid.numVoxels()];
        int v = 0;
        for (int kk = 0; kk < grid.nz(); kk++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++, v++) {
                    grid.indexToWorld(i, j, kk, w);
                    Affines.apply(inv, w[0], w[1], w[2], p);
                    anatomy.evaluate(p[0], p[1], p[2], f, dir);
                    data[v] = (float) (f[0] * signal[0] + f[1] * signal[1] + f[2] * signal[2]);
                }
            }
        }
        return new Image3D(grid, data);
    }

    /** The brain mask: voxels whose tissue occupancy (unmoved) is at least one half. */
    public static Image3D brainMask(ImageGeometry grid) {
        HeadAnatomy anatomy = new HeadAnatomy(grid);
        double[] w = new double[3], f = new double[3], dir = new double[3];
        float[] m = new float[grid.numVoxels()];
        int v = 0;
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++, v++) {
                    grid.indexToWorld(i, j, k, w);
                    m[v] = anatomy.evaluate(w[0], w[1], w[2], f, dir) >= 0.5 ? 1f : 0f;
                }
            }
        }
        return new Image3D(grid, m);
    }
}
