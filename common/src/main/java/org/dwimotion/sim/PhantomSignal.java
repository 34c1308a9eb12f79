package org.dwimotion.sim;

/**
 * The phantom's noise-free DKI signal at any point of the head, evaluated analytically.
 *
 * <p>Equal, at voxel centres, to {@link DkiSignalOps#signal} of the {@link DkiPhantom} truth maps:
 * with fractions fₜ, F = Σfₜ, and per tissue ADCₜ = gᵀDₜg and Qₜ = (gᵀAₜg)² (= MDₜ²·ΣWₜgggg),
 * <pre>   S = (Σ fₜ S0ₜ) · exp( −b · Σ fₜ ADCₜ / F  +  b²/6 · Σ fₜ Qₜ / F ) </pre>
 * Because nothing is interpolated, a moved volume rendered from this is the exact image of the
 * moved phantom: the ground truth carries no resampling error.
 *
 * <p>Holds workspace: one instance per thread.
 */
public final class PhantomSignal {
    private final HeadAnatomy anatomy;
    private final TissueClass[] tissues;
    private final double[] fractions = new double[3];
    private final double[] fibre = new double[3];

    public PhantomSignal(HeadAnatomy anatomy, TissueClass wm, TissueClass gm, TissueClass csf) {
        this.anatomy = anatomy;
        this.tissues = new TissueClass[] {wm, gm, csf};
    }

    /**
     * The signal at world point (x, y, z) of the head (reference frame, mm) for b (s/mm²) and unit
     * gradient g expressed in the same head frame; 0 outside the brain.
     */
    public double at(double x, double y, double z, double b, double gx, double gy, double gz) {
        double total = anatomy.evaluate(x, y, z, fractions, fibre);
        if (total <= 0) {
            return 0;
        }
        double cos = fibre[0] * gx + fibre[1] * gy + fibre[2] * gz;
        double cos2 = cos * cos, sin2 = 1 - cos2;
        double s0 = 0, adc = 0, quartic = 0, sum = 0;
        for (int t = 0; t < 3; t++) {
            double f = fractions[t];
            if (f <= 0) {
                continue;
            }
            TissueClass c = tissues[t];
            sum += f;
            s0 += f * c.s0();
            adc += f * (c.lambdaPar() * cos2 + c.lambdaPerp() * sin2);
            double root = Math.sqrt(c.kPar()) * c.lambdaPar() * cos2 + Math.sqrt(c.kPerp()) * c.lambdaPerp() * sin2;
            quartic += f * root * root;
        }
        if (sum <= 0) {
            return 0;
        }
        return s0 * Math.exp(-b * adc / sum + b * b / 6.0 * quartic / sum);
    }
}
