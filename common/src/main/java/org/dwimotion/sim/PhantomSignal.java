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
 * <p>A voxel of an acquisition shows its whole volume, not its centre ({@link #voxelMean}). Point samples alias
 * at high b: the diffusivity mixing above turns a tissue edge ramp into a much sharper signal edge (at b=3000
 * exp(−b·ADC) changes mostly where the CSF fraction is small), and the fibre helices change direction within a
 * voxel near their axis, so an image of point samples holds detail that no interpolation of it reproduces.
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
     * The mean signal over a voxel: the average of {@link #at} over samples³ points spread evenly over the voxel
     * (offsets ((a + ½) / samples − ½) voxel along each voxel axis; the voxel centre alone for 1), a box
     * point-spread function.
     *
     * @param voxelToWorld 4×4 row-major (or at least 12 values), voxel index → world point of the head frame (mm)
     * @param i            voxel index along the first axis (j, k: the second and third)
     * @param samples      points per voxel axis, ≥ 1
     */
    public double voxelMean(double[] voxelToWorld, int i, int j, int k, int samples, double b, double gx, double gy,
                            double gz) {
        double[] m = voxelToWorld;
        if (samples == 1) {
            return at(m[0] * i + m[1] * j + m[2] * k + m[3], m[4] * i + m[5] * j + m[6] * k + m[7],
                    m[8] * i + m[9] * j + m[10] * k + m[11], b, gx, gy, gz);
        }
        double sum = 0;
        for (int c = 0; c < samples; c++) {
            double kk = k + (c + 0.5) / samples - 0.5;
            for (int r = 0; r < samples; r++) {
                double jj = j + (r + 0.5) / samples - 0.5;
                for (int q = 0; q < samples; q++) {
                    double ii = i + (q + 0.5) / samples - 0.5;
                    sum += at(m[0] * ii + m[1] * jj + m[2] * kk + m[3], m[4] * ii + m[5] * jj + m[6] * kk + m[7],
                            m[8] * ii + m[9] * jj + m[10] * kk + m[11], b, gx, gy, gz);
                }
            }
        }
        return sum / (samples * samples * samples);
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
