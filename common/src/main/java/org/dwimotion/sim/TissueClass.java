package org.dwimotion.sim;

/**
 * Diffusion and kurtosis properties of one tissue class of the phantom.
 *
 * <p>Each tissue is axially symmetric about a fibre direction f (irrelevant when isotropic):
 * diffusivity λ∥ along f and λ⊥ across it (mm²/s), apparent kurtosis K∥ along f and K⊥ across it.
 * The kurtosis tensor is built so that
 * <pre>   MD² · Σ W_ijkl g_i g_j g_k g_l = (gᵀ A g)²,   A = "kurtosis root" with eigenvalues √K·λ </pre>
 * i.e. {@code W_ijkl = Sym(A ⊗ A)_ijkl / MD² = (A_ij A_kl + A_ik A_jl + A_il A_jk) / (3 MD²)}.
 * Along f the apparent kurtosis is exactly K∥, across f exactly K⊥, and in between it lies
 * between the two. Because the log-signal's b² term is a square, the signal decreases
 * monotonically in b as long as {@code b < 3 / (K·λ)} along both axes, which
 * {@link #maxMonotonicB()} reports.
 *
 * @param s0         signal without diffusion weighting (arbitrary units)
 * @param lambdaPar  diffusivity along the fibre, mm²/s
 * @param lambdaPerp diffusivity across the fibre, mm²/s
 * @param kPar       apparent kurtosis along the fibre (dimensionless, ≥ 0)
 * @param kPerp      apparent kurtosis across the fibre (dimensionless, ≥ 0)
 */
public record TissueClass(String name, double s0, double lambdaPar, double lambdaPerp, double kPar, double kPerp) {

    /** White matter: anisotropic, λ∥ 1.7e-3, λ⊥ 0.3e-3 mm²/s; K∥ 0.5, K⊥ 1.2 (mean kurtosis ≈ 1). */
    public static final TissueClass WHITE_MATTER = new TissueClass("wm", 1000, 1.7e-3, 0.3e-3, 0.5, 1.2);
    /** Grey matter: isotropic D 0.8e-3 mm²/s, K 0.8. */
    public static final TissueClass GREY_MATTER = new TissueClass("gm", 1150, 0.8e-3, 0.8e-3, 0.8, 0.8);
    /** Cerebrospinal fluid: free water at body temperature, D 3e-3 mm²/s, K 0; brightest on b=0. */
    public static final TissueClass CSF = new TissueClass("csf", 2000, 3.0e-3, 3.0e-3, 0, 0);

    public TissueClass {
        if (!(s0 > 0) || !(lambdaPar > 0) || !(lambdaPerp > 0) || !(kPar >= 0) || !(kPerp >= 0)
                || !Double.isFinite(s0 + lambdaPar + lambdaPerp + kPar + kPerp)) {
            throw new IllegalArgumentException("tissue " + name + ": S0, diffusivities must be positive and "
                    + "kurtosis non-negative, finite");
        }
    }

    /** Mean diffusivity (λ∥ + 2λ⊥)/3, mm²/s. */
    public double meanDiffusivity() {
        return (lambdaPar + 2 * lambdaPerp) / 3.0;
    }

    /** Largest b (s/mm²) for which this tissue's DKI signal still decreases with b in every direction. */
    public double maxMonotonicB() {
        double a = kPar * lambdaPar, c = kPerp * lambdaPerp;
        double m = Math.max(a, c);
        return m > 0 ? 3.0 / m : Double.POSITIVE_INFINITY;
    }

    /**
     * D = λ⊥·I + (λ∥ − λ⊥)·f fᵀ.
     *
     * @param fx,fy,fz unit fibre direction (world)
     * @param out      length ≥ 6, Conventions order (Dxx, Dxy, Dyy, Dxz, Dyz, Dzz). Modified.
     */
    public void diffusionTensor(double fx, double fy, double fz, double[] out) {
        axial(lambdaPerp, lambdaPar - lambdaPerp, fx, fy, fz, out);
    }

    /**
     * The kurtosis root A = √K⊥λ⊥·I + (√K∥λ∥ − √K⊥λ⊥)·f fᵀ (mm²/s), such that MD²·ΣWgggg = (gᵀAg)².
     *
     * @param out length ≥ 6, Conventions order. Modified.
     */
    public void kurtosisRoot(double fx, double fy, double fz, double[] out) {
        double perp = Math.sqrt(kPerp) * lambdaPerp;
        double par = Math.sqrt(kPar) * lambdaPar;
        axial(perp, par - perp, fx, fy, fz, out);
    }

    private static void axial(double iso, double along, double fx, double fy, double fz, double[] out) {
        out[0] = iso + along * fx * fx;
        out[1] = along * fx * fy;
        out[2] = iso + along * fy * fy;
        out[3] = along * fx * fz;
        out[4] = along * fy * fz;
        out[5] = iso + along * fz * fz;
    }

    /**
     * Adds weight · Sym(A ⊗ A) to the 15 unique kurtosis elements (DIPY dki order), i.e. the
     * tissue's MD²·W scaled by its volume fraction.
     *
     * @param a6  kurtosis root, Conventions order. Not modified.
     * @param acc length ≥ 15, accumulated into. Modified.
     */
    static void addSymmetrisedSquare(double[] a6, double weight, double[] acc) {
        for (int e = 0; e < 15; e++) {
            int i = DkiSignalOps.W_AXES[4 * e], j = DkiSignalOps.W_AXES[4 * e + 1];
            int k = DkiSignalOps.W_AXES[4 * e + 2], l = DkiSignalOps.W_AXES[4 * e + 3];
            double v = (at(a6, i, j) * at(a6, k, l) + at(a6, i, k) * at(a6, j, l) + at(a6, i, l) * at(a6, j, k)) / 3.0;
            acc[e] += weight * v;
        }
    }

    /** Element (r, c) of a symmetric 3×3 stored in Conventions order. */
    static double at(double[] s6, int r, int c) {
        int lo = Math.min(r, c), hi = Math.max(r, c);
        // lower-triangular row-by-row: (0,0)=0, (1,0)=1, (1,1)=2, (2,0)=3, (2,1)=4, (2,2)=5
        return s6[hi * (hi + 1) / 2 + lo];
    }
}
