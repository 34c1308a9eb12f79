package org.dwimotion.sim;

import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;

/**
 * The ground-truth DKI field of the phantom in the reference (volume 0) head frame.
 *
 * <p>Partial-volume voxels mix their tissues' log-signal cumulants by volume fraction:
 * {@code D = Σ fₜ Dₜ / Σ fₜ}, {@code MD²·W = Σ fₜ MDₜ²·Wₜ / Σ fₜ}, and {@code S0 = Σ fₜ S0ₜ} (fractions
 * not renormalised, so S0 fades to 0 at the brain's edge). Every voxel is therefore an
 * <em>exact</em> DKI signal, which keeps model error out of motion-correction accuracy figures
 * (real partial volume would sum exponentials instead).
 *
 * <p>Layouts: {@code s0[voxel]}; {@code d6[voxel + nVox * e]} for the 6 tensor elements
 * (Conventions order, mm²/s); {@code w15[voxel + nVox * e]} for the 15 kurtosis elements
 * (DIPY dki order, see {@link DkiSignalOps}); all volume-major like 4-D images, zero outside the brain.
 *
 * @param mask brain mask: 1 where the summed tissue fraction is at least one half
 */
public record DkiPhantom(ImageGeometry geometry, double[] s0, double[] d6, double[] w15, byte[] mask) {

    /** Builds the field from the anatomy and the three tissue classes (wm, gm, csf). */
    public static DkiPhantom of(HeadAnatomy.Maps maps, TissueClass wm, TissueClass gm, TissueClass csf) {
        ImageGeometry g = maps.geometry();
        int n = g.numVoxels();
        double[] s0 = new double[n], d6 = new double[6 * n], w15 = new double[15 * n];
        byte[] mask = new byte[n];
        TissueClass[] tissues = {wm, gm, csf};
        float[][] fractions = {maps.wm(), maps.gm(), maps.csf()};
        double[] d = new double[6], a = new double[6], dSum = new double[6], kSum = new double[15];
        for (int v = 0; v < n; v++) {
            double total = 0;
            java.util.Arrays.fill(dSum, 0);
            java.util.Arrays.fill(kSum, 0);
            double fx = maps.fibre()[3 * v], fy = maps.fibre()[3 * v + 1], fz = maps.fibre()[3 * v + 2];
            for (int t = 0; t < 3; t++) {
                double f = fractions[t][v];
                if (f <= 0) {
                    continue;
                }
                total += f;
                s0[v] += f * tissues[t].s0();
                tissues[t].diffusionTensor(fx, fy, fz, d);
                for (int e = 0; e < 6; e++) {
                    dSum[e] += f * d[e];
                }
                tissues[t].kurtosisRoot(fx, fy, fz, a);
                TissueClass.addSymmetrisedSquare(a, f, kSum);
            }
            if (total <= 0) {
                continue;
            }
            mask[v] = (byte) (total >= 0.5 ? 1 : 0);
            for (int e = 0; e < 6; e++) {
                d6[v + n * e] = dSum[e] / total;
            }
            double md = (dSum[0] + dSum[2] + dSum[5]) / (3 * total);
            for (int e = 0; e < 15; e++) {
                w15[v + n * e] = kSum[e] / (total * md * md);
            }
        }
        return new DkiPhantom(g, s0, d6, w15, mask);
    }

    /** The default head: {@link HeadAnatomy} with the default white matter, grey matter and CSF. */
    public static DkiPhantom defaultHead(ImageGeometry geometry) {
        return of(HeadAnatomy.build(geometry), TissueClass.WHITE_MATTER, TissueClass.GREY_MATTER, TissueClass.CSF);
    }

    /** The brain mask as an image on {@link #geometry()}: 1 inside, 0 outside (a new array). */
    public Image3D maskImage() {
        float[] f = new float[mask.length];
        for (int v = 0; v < mask.length; v++) {
            f[v] = mask[v];
        }
        return new Image3D(geometry, f);
    }

    /** The six tensor elements of one voxel (Conventions order), copied into out (length ≥ 6). */
    public void tensorAt(int voxel, double[] out) {
        int n = s0.length;
        for (int e = 0; e < 6; e++) {
            out[e] = d6[voxel + n * e];
        }
    }

    /** The fifteen kurtosis elements of one voxel (DIPY dki order), copied into out (length ≥ 15). */
    public void kurtosisAt(int voxel, double[] out) {
        int n = s0.length;
        for (int e = 0; e < 15; e++) {
            out[e] = w15[voxel + n * e];
        }
    }

    /** Voxels with signal (S0 &gt; 0), ascending. */
    public int[] supportVoxels() {
        int count = 0;
        for (double s : s0) {
            if (s > 0) {
                count++;
            }
        }
        int[] out = new int[count];
        for (int v = 0, c = 0; v < s0.length; v++) {
            if (s0[v] > 0) {
                out[c++] = v;
            }
        }
        return out;
    }
}
