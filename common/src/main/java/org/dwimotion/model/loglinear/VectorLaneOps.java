package org.dwimotion.model.loglinear;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the hottest lane loops of {@link LogLinearLovoKernel} (OLS leave-one-out update and the
 * eigenvalue-floor test), which C2 17 vectorises poorly on its own (many arrays per loop). Each method processes
 * lanes [0, {@code loopBound(nl)}) with the same IEEE operations in the same order as the kernel's scalar loop,
 * lane by lane, and returns where it stopped; the kernel's scalar loop does the rest, so results are bit-identical
 * with or without the module, on any vector width. Loaded only when jdk.incubator.vector is present.
 */
final class VectorLaneOps {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private VectorLaneOps() {
    }

    /**
     * ŷ = Σ_c fma(x_c, β_c, ·) from 0 in ascending c; δ = (y_v − ŷ)·inv (δ holds y_v on entry); tensor component c
     * = sc_c·(β_c − P_c·δ) for c &lt; 6.
     */
    static int olsLeaveOneOut(double[][] xs, double[][] beta, double[][] pinv, double[] inv, double[] scale,
                              double[] delta, double[][] tensor, int p, int nl) {
        int upper = S.loopBound(nl);
        for (int l = 0; l < upper; l += S.length()) {
            DoubleVector yhat = DoubleVector.zero(S);
            for (int c = 0; c < p; c++) {
                yhat = DoubleVector.fromArray(S, xs[c], l).fma(DoubleVector.fromArray(S, beta[c], l), yhat);
            }
            DoubleVector d = DoubleVector.fromArray(S, delta, l).sub(yhat).mul(DoubleVector.fromArray(S, inv, l));
            d.intoArray(delta, l);
            for (int c = 0; c < 6; c++) {
                DoubleVector pd = DoubleVector.fromArray(S, pinv[c], l).mul(d);
                DoubleVector.fromArray(S, beta[c], l).sub(pd).mul(scale[c]).intoArray(tensor[c], l);
            }
        }
        return upper;
    }

    /** min(a, a·b − xy², det) of D − md·I, as the kernel's floor test computes it (NaN propagates). */
    static int smallestMinors(double[][] ten, double[] md, double[] out, int nl) {
        double[] dxx = ten[0], dxy = ten[1], dyy = ten[2], dxz = ten[3], dyz = ten[4], dzz = ten[5];
        int upper = S.loopBound(nl);
        for (int l = 0; l < upper; l += S.length()) {
            DoubleVector m = DoubleVector.fromArray(S, md, l);
            DoubleVector a = DoubleVector.fromArray(S, dxx, l).sub(m);
            DoubleVector b = DoubleVector.fromArray(S, dyy, l).sub(m);
            DoubleVector c = DoubleVector.fromArray(S, dzz, l).sub(m);
            DoubleVector xy = DoubleVector.fromArray(S, dxy, l);
            DoubleVector xz = DoubleVector.fromArray(S, dxz, l);
            DoubleVector yz = DoubleVector.fromArray(S, dyz, l);
            // a * (b * c - yz * yz) - xy * (xy * c - yz * xz) + xz * (xy * yz - b * xz)
            DoubleVector m3 = a.mul(b.mul(c).sub(yz.mul(yz)))
                    .sub(xy.mul(xy.mul(c).sub(yz.mul(xz))))
                    .add(xz.mul(xy.mul(yz).sub(b.mul(xz))));
            a.min(a.mul(b).sub(xy.mul(xy)).min(m3)).intoArray(out, l);
        }
        return upper;
    }
}
