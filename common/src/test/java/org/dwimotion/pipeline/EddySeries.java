package org.dwimotion.pipeline;

import java.util.Random;
import org.dwimotion.registration.transform.RigidTransform;

/**
 * An analytic affine series for the eddy-model tests: 14 volumes, b=0 at 0, 5, 10, shells 1000/2000 (s/mm²) in
 * turn, random unit b-vectors, random rigid motions G_v (about 1 mm, about 0.02 rad, about the given centre in mm),
 * eddy coefficients {@code e_v = K·(b_v/b_max)·g_v} and transforms {@code E(e_v) ∘ G_v} (N×16 fixed → moving).
 */
record EddySeries(double[] bvals, double[] bvecs, double[] rigid, double[] eddy, double[] transforms) {
    static EddySeries make(long seed, double[] k, double[] centre, double[] pe, double b0Threshold) {
        Random r = new Random(seed);
        int n = 14;
        double[] bvals = new double[n];
        double[] bvecs = new double[3 * n];
        double[] rigid = new double[16 * n];
        for (int v = 0; v < n; v++) {
            bvals[v] = v % 5 == 0 ? 0 : v % 2 == 0 ? 1000 : 2000;
            if (bvals[v] > 0) {
                double[] d = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
                double norm = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                for (int i = 0; i < 3; i++) {
                    bvecs[3 * v + i] = d[i] / norm;
                }
            }
            double[] p = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), 0.02 * r.nextGaussian(),
                    0.02 * r.nextGaussian(), 0.02 * r.nextGaussian()};
            System.arraycopy(new RigidTransform(centre, p).toMatrix(), 0, rigid, 16 * v, 16);
        }
        double[] eddy = EddyCurrentModel.modelled(k, bvals, bvecs, b0Threshold);
        return new EddySeries(bvals, bvecs, rigid, eddy,
                EddyCurrentModel.withEddy(rigid, eddy, bvals, b0Threshold, pe, centre));
    }
}
