package org.dwimotion.registration.metric;

import org.dwimotion.image.Affines;
import org.dwimotion.registration.optimizer.LeastSquaresObjective;
import org.dwimotion.registration.optimizer.SymmetricSolveOps;
import org.dwimotion.registration.transform.Transform;
import org.dwimotion.resample.Interpolator;

/**
 * Robust sum of squared differences between the fixed samples and the moving image, in the
 * inverse compositional form of Gauss–Newton (Baker &amp; Matthews 2004).
 *
 * <p>Value: {@code mean_s rho((M(T(x_s)) - a F(x_s) - b) / sigma)} over the samples s whose
 * transformed point falls inside the moving image; rho is {@link RobustLoss}, (a, b) the
 * {@link IntensityMatching} fit (QUADRATIC adds {@code c (F - mean_F)^2 / sd_F}, and the residual
 * Jacobian below is then scaled by the model's slope {@code a + 2c (F - mean_F) / sd_F} instead of a). With Tukey weights, samples outside the moving image count at
 * the loss's ceiling and the mean runs over all samples, so the optimiser gains nothing by
 * pushing samples out of the overlap. Units: squared intensity.
 *
 * <p>Inverse compositional: a step {@code dp} is a small transform W(dp) of the same family about
 * the same centre acting on the fixed side, and the update is {@code T <- T ∘ W(dp)^-1}. The
 * residual's Jacobian is then {@code a * grad F(x_s) · dW/dp(x_s)} at the identity: the fixed-image
 * gradient times the transform Jacobian, computed once per level. Each evaluation only
 * interpolates the moving image (with the level's interpolator) at the transformed samples, and the normal equations
 * cost 21 (rigid) or 78 (affine) multiply-adds per sample.
 *
 * <p>Not thread-safe (owns the transform and workspaces); one per registration.
 */
public final class RobustSsdMetric implements LeastSquaresObjective {
    private static final double MAD_TO_SIGMA = 1.4826;

    private final FixedImageSamples samples;
    private final Interpolator moving;
    private final Transform transform;
    private final Transform update;
    private final double[] identityParameters;
    private final MetricOptions options;
    private final int n;
    private final int np;
    private final int minimumValid;
    private final double[] jacobian;
    private final double[] movingToIndex;
    private final double[] corners;
    private final double[] scales;
    private final double sigmaFloor;

    private final double[] movingValues;
    private final boolean[] valid;
    private final double[] residuals;
    private final double[] weights;
    private final double[] absWork;
    private final double[] crossGain;
    private final double[] crossOffset;
    /** QUADRATIC only: centre and scale of the fixed values, so the basis (1, u, u^2) is well conditioned. */
    private final double fixedMean;
    private final double fixedScale;
    private final double[] cross2;
    private final double[] gram = new double[9];
    private final double[] rhs = new double[3];
    private final double[] coef = new double[3];
    private final double[] work = new double[9];
    private int validCount;
    private double a = 1, b = 0;
    /** QUADRATIC: model = b + a·F + c·(F - fixedMean)^2 / fixedScale (c = 0 otherwise). */
    private double c = 0;
    private double sigma;

    /**
     * @param samples   fixed samples of this level. Not modified.
     * @param moving    interpolator on the (smoothed) moving image; used from this thread only
     * @param transform fixed → moving transform, updated in place as the optimiser moves
     */
    public RobustSsdMetric(FixedImageSamples samples, Interpolator moving, Transform transform,
                           MetricOptions options) {
        this.samples = samples;
        this.moving = moving;
        this.transform = transform;
        this.options = options;
        this.n = samples.count();
        this.np = transform.numberOfParameters();
        this.minimumValid = Math.max(np + 1, (int) Math.ceil(options.minimumOverlap() * n));
        this.update = transform.copy();
        update.setIdentity();
        this.identityParameters = update.getParameters();
        this.movingToIndex = moving.image().geometry().worldToVoxel();
        this.corners = samples.boxCorners();

        jacobian = new double[n * np];
        double[] dw = new double[3 * np];
        double[] pts = samples.points();
        double[] grad = samples.gradients();
        for (int s = 0; s < n; s++) {
            update.computeJacobianWithRespectToParameters(pts[3 * s], pts[3 * s + 1], pts[3 * s + 2], dw);
            for (int k = 0; k < np; k++) {
                jacobian[s * np + k] = grad[3 * s] * dw[k] + grad[3 * s + 1] * dw[np + k] + grad[3 * s + 2] * dw[2 * np + k];
            }
        }
        scales = new double[np];
        for (int q = 0; q < 8; q++) {
            update.computeJacobianWithRespectToParameters(corners[3 * q], corners[3 * q + 1], corners[3 * q + 2], dw);
            for (int k = 0; k < np; k++) {
                double len = Math.sqrt(dw[k] * dw[k] + dw[np + k] * dw[np + k] + dw[2 * np + k] * dw[2 * np + k]);
                scales[k] = Math.max(scales[k], len);
            }
        }
        for (int k = 0; k < np; k++) {
            scales[k] = Math.max(scales[k], 1e-6);
        }
        sigmaFloor = 1e-4 * Math.sqrt(samples.valueVariance()) + Double.MIN_NORMAL;
        sigma = Double.POSITIVE_INFINITY;

        movingValues = new double[n];
        valid = new boolean[n];
        residuals = new double[n];
        weights = new double[n];
        java.util.Arrays.fill(weights, 1.0);
        absWork = new double[n];
        crossGain = new double[np];
        crossOffset = new double[np];
        cross2 = new double[np];
        double[] f = samples.values();
        double mean = 0;
        for (int s = 0; s < n; s++) {
            mean += f[s];
        }
        fixedMean = n > 0 ? mean / n : 0;
        fixedScale = Math.sqrt(samples.valueVariance()) + Double.MIN_NORMAL;
    }

    /** The QUADRATIC basis term of a fixed value: (f - mean)^2 / scale (intensity units). */
    private double quad(double f) {
        double d = f - fixedMean;
        return d * d / fixedScale;
    }

    /** d model / dF at a fixed value: the factor between the fixed-image gradient and the residual's. */
    private double slope(double f) {
        return c == 0 ? a : a + 2 * c * (f - fixedMean) / fixedScale;
    }

    @Override
    public int numberOfParameters() {
        return np;
    }

    @Override
    public double[] parameters() {
        return transform.getParameters();
    }

    @Override
    public void restoreParameters(double[] parameters) {
        transform.setParameters(parameters);
    }

    @Override
    public void applyStep(double[] step) {
        double[] p = identityParameters.clone();
        for (int k = 0; k < np; k++) {
            p[k] += step[k];
        }
        update.setParameters(p);
        transform.setMatrix(Affines.multiply(transform.toMatrix(), Affines.invert(update.toMatrix()), null));
    }

    @Override
    public double evaluate() {
        double[] m = Affines.multiply(movingToIndex, transform.toMatrix(), null);
        double[] pts = samples.points();
        int count = 0;
        for (int s = 0; s < n; s++) {
            double x = pts[3 * s], y = pts[3 * s + 1], z = pts[3 * s + 2];
            double ci = m[0] * x + m[1] * y + m[2] * z + m[3];
            double cj = m[4] * x + m[5] * y + m[6] * z + m[7];
            double ck = m[8] * x + m[9] * y + m[10] * z + m[11];
            if (moving.isInsideBuffer(ci, cj, ck)) {
                movingValues[s] = moving.evaluateAtContinuousIndex(ci, cj, ck);
                valid[s] = true;
                count++;
            } else {
                valid[s] = false;
            }
        }
        validCount = count;
        if (count < minimumValid) {
            return Double.POSITIVE_INFINITY;
        }
        fitIntensityModel();
        double[] f = samples.values();
        for (int s = 0; s < n; s++) {
            residuals[s] = valid[s] ? movingValues[s] - a * f[s] - b - (c == 0 ? 0 : c * quad(f[s])) : 0.0;
        }
        return meanLoss();
    }

    /** Weighted least-squares (a, b) with the committed weights; keeps a = 1, b = 0 for NONE. */
    private void fitIntensityModel() {
        if (options.intensityMatching() == IntensityMatching.NONE) {
            a = 1;
            b = 0;
            return;
        }
        if (options.intensityMatching() == IntensityMatching.QUADRATIC) {
            fitQuadraticModel();
            return;
        }
        double[] f = samples.values();
        double sw = 0, sf = 0, sm = 0;
        for (int s = 0; s < n; s++) {
            if (valid[s]) {
                double w = weights[s];
                sw += w;
                sf += w * f[s];
                sm += w * movingValues[s];
            }
        }
        double mf = sf / sw, mm = sm / sw;
        double sff = 0, sfm = 0;
        for (int s = 0; s < n; s++) {
            if (valid[s]) {
                double w = weights[s];
                double df = f[s] - mf;
                sff += w * df * df;
                sfm += w * df * (movingValues[s] - mm);
            }
        }
        if (sff > 1e-12 * sw * (mf * mf + 1e-30)) {
            a = sfm / sff;
        } else {
            a = 1;
        }
        b = mm - a * mf;
    }

    /** Weighted least squares of the moving values on (F, 1, quad(F)); falls back to LINEAR's fit when singular. */
    private void fitQuadraticModel() {
        double[] f = samples.values();
        java.util.Arrays.fill(gram, 0.0);
        java.util.Arrays.fill(rhs, 0.0);
        for (int s = 0; s < n; s++) {
            if (valid[s]) {
                double w = weights[s];
                double x = f[s] - fixedMean, q = quad(f[s]), m = movingValues[s];
                // basis (x, 1, q) with x centred: a and b are recovered below
                gram[0] += w * x * x;
                gram[3] += w * x;
                gram[4] += w;
                gram[6] += w * x * q;
                gram[7] += w * q;
                gram[8] += w * q * q;
                rhs[0] += w * x * m;
                rhs[1] += w * m;
                rhs[2] += w * q * m;
            }
        }
        if (SymmetricSolveOps.solve(gram, rhs, coef, 3, work) && Double.isFinite(coef[0] + coef[1] + coef[2])) {
            a = coef[0];
            b = coef[1] - a * fixedMean;
            c = coef[2];
        } else {
            c = 0;
            double sw = gram[4];
            if (sw > 0 && gram[0] > 1e-12 * sw * fixedScale * fixedScale) {
                a = rhs[0] / gram[0];
            } else {
                a = 1;
            }
            b = rhs[1] / Math.max(sw, Double.MIN_NORMAL) - a * fixedMean;
        }
    }

    private double meanLoss() {
        double sum = 0;
        if (options.robustLoss() == RobustLoss.NONE || !(sigma < Double.POSITIVE_INFINITY)) {
            for (int s = 0; s < n; s++) {
                if (valid[s]) {
                    sum += 0.5 * residuals[s] * residuals[s];
                }
            }
        } else if (options.robustLoss() == RobustLoss.HUBER) {
            double c = options.threshold() * sigma;
            for (int s = 0; s < n; s++) {
                if (valid[s]) {
                    double r = Math.abs(residuals[s]);
                    sum += r <= c ? 0.5 * r * r : c * r - 0.5 * c * c;
                }
            }
        } else {
            // a sample that left the moving image costs as much as a rejected outlier, so shrinking
            // the overlap is never a way to lower the value
            double c = options.threshold() * sigma;
            double cap = c * c / 6;
            for (int s = 0; s < n; s++) {
                if (valid[s]) {
                    double u = residuals[s] / c;
                    double v = 1 - u * u;
                    sum += v > 0 ? cap * (1 - v * v * v) : cap;
                } else {
                    sum += cap;
                }
            }
            return sum / n;
        }
        return sum / validCount;
    }

    @Override
    public double commit(double[] gradient, double[] hessian) {
        if (options.robustLoss() != RobustLoss.NONE) {
            estimateResidualScale();
            double c = options.threshold() * sigma;
            boolean huber = options.robustLoss() == RobustLoss.HUBER;
            for (int s = 0; s < n; s++) {
                if (valid[s]) {
                    double r = Math.abs(residuals[s]);
                    if (huber) {
                        weights[s] = r <= c ? 1.0 : c / r;
                    } else {
                        double u = r / c;
                        weights[s] = u < 1 ? (1 - u * u) * (1 - u * u) : 0.0;
                    }
                }
            }
        }
        java.util.Arrays.fill(gradient, 0, np, 0.0);
        java.util.Arrays.fill(hessian, 0, np * np, 0.0);
        java.util.Arrays.fill(crossGain, 0.0);
        java.util.Arrays.fill(crossOffset, 0.0);
        java.util.Arrays.fill(cross2, 0.0);
        boolean quadratic = options.intensityMatching() == IntensityMatching.QUADRATIC;
        double[] f = samples.values();
        double sff = 0, sf = 0, s1 = 0, gGain = 0, gOffset = 0;
        double sfq = 0, sq = 0, sqq = 0, gQuad = 0;
        for (int s = 0; s < n; s++) {
            if (!valid[s]) {
                continue;
            }
            double w = weights[s];
            double fs = f[s];
            double sl = slope(fs);
            double wa = w * sl;
            double war = wa * residuals[s];
            double waa = wa * sl;
            double qs = quadratic ? quad(fs) : 0;
            int o = s * np;
            for (int k = 0; k < np; k++) {
                double jk = jacobian[o + k];
                gradient[k] += war * jk;
                crossGain[k] += wa * jk * fs;
                crossOffset[k] += wa * jk;
                if (quadratic) {
                    cross2[k] += wa * jk * qs;
                }
                double wjk = waa * jk;
                for (int l = 0; l <= k; l++) {
                    hessian[k * np + l] += wjk * jacobian[o + l];
                }
            }
            sff += w * fs * fs;
            sf += w * fs;
            s1 += w;
            gGain += w * fs * residuals[s];
            gOffset += w * residuals[s];
            if (quadratic) {
                sfq += w * fs * qs;
                sq += w * qs;
                sqq += w * qs * qs;
                gQuad += w * qs * residuals[s];
            }
        }
        for (int k = 0; k < np; k++) {
            for (int l = 0; l < k; l++) {
                hessian[l * np + k] = hessian[k * np + l];
            }
        }
        if (options.intensityMatching() == IntensityMatching.LINEAR) {
            eliminateIntensityParameters(gradient, hessian, sff, sf, s1, gGain, gOffset);
        } else if (quadratic) {
            eliminateQuadraticIntensityParameters(gradient, hessian, new double[] {sff, sf, sfq, sf, s1, sq, sfq, sq, sqq},
                    new double[] {gGain, gOffset, gQuad});
        }
        return meanLoss();
    }

    /**
     * Variable projection: a and b are refitted at every evaluation, so the geometric step must be
     * the one of the joint (p, a, b) Gauss–Newton system with a and b eliminated (Schur complement
     * {@code H_pp - H_pc H_cc^-1 H_cp}, {@code g_p - H_pc H_cc^-1 g_c}). Without it the gain would
     * silently absorb part of every misalignment and the iterations would crawl.
     */
    private void eliminateIntensityParameters(double[] gradient, double[] hessian, double sff, double sf, double s1,
                                              double gGain, double gOffset) {
        double det = sff * s1 - sf * sf;
        if (!(det > 1e-12 * sff * s1)) {
            return; // fixed samples (nearly) constant: a is not identifiable, keep the geometric system
        }
        double i00 = s1 / det, i01 = -sf / det, i11 = sff / det;
        double ca = i00 * gGain + i01 * gOffset;
        double cb = i01 * gGain + i11 * gOffset;
        for (int k = 0; k < np; k++) {
            double ka = i00 * crossGain[k] + i01 * crossOffset[k];
            double kb = i01 * crossGain[k] + i11 * crossOffset[k];
            gradient[k] -= crossGain[k] * ca + crossOffset[k] * cb;
            for (int l = 0; l < np; l++) {
                hessian[k * np + l] -= ka * crossGain[l] + kb * crossOffset[l];
            }
        }
    }

    /** The same Schur complement for QUADRATIC's three intensity parameters (basis F, 1, quad(F)). */
    private void eliminateQuadraticIntensityParameters(double[] gradient, double[] hessian, double[] hcc, double[] gc) {
        double[][] cross = {crossGain, crossOffset, cross2};
        double[] x = new double[3];
        double[] w9 = new double[9];
        if (!SymmetricSolveOps.solve(hcc, gc, x, 3, w9)) {
            return; // intensity parameters not identifiable: keep the geometric system
        }
        double[][] kc = new double[np][3];
        double[] col = new double[3];
        for (int k = 0; k < np; k++) {
            for (int j = 0; j < 3; j++) {
                col[j] = cross[j][k];
            }
            if (!SymmetricSolveOps.solve(hcc, col, kc[k], 3, w9)) {
                return;
            }
        }
        for (int k = 0; k < np; k++) {
            gradient[k] -= crossGain[k] * x[0] + crossOffset[k] * x[1] + cross2[k] * x[2];
            for (int l = 0; l < np; l++) {
                hessian[k * np + l] -= kc[k][0] * crossGain[l] + kc[k][1] * crossOffset[l] + kc[k][2] * cross2[l];
            }
        }
    }

    /**
     * sigma = 1.4826 × median |r| at the first committed point, then kept for this metric's life
     * (one level): the Huber objective stays the same function while the optimiser compares values,
     * and iteratively reweighted steps do not crawl after a shrinking scale.
     */
    private void estimateResidualScale() {
        int q = 0;
        for (int s = 0; s < n; s++) {
            if (valid[s]) {
                absWork[q++] = Math.abs(residuals[s]);
            }
        }
        sigma = Math.max(MAD_TO_SIGMA * SelectOps.median(absWork, q), sigmaFloor);
    }

    @Override
    public double physicalShift(double[] step) {
        double[] p = identityParameters.clone();
        for (int k = 0; k < np; k++) {
            p[k] += step[k];
        }
        update.setParameters(p);
        double[] m = update.toMatrix();
        double max = 0;
        double[] out = new double[3];
        for (int q = 0; q < 8; q++) {
            double x = corners[3 * q], y = corners[3 * q + 1], z = corners[3 * q + 2];
            Affines.apply(m, x, y, z, out);
            double dx = out[0] - x, dy = out[1] - y, dz = out[2] - z;
            max = Math.max(max, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        return max;
    }

    @Override
    public double[] parameterScales() {
        return scales.clone();
    }

    /** Fraction of the samples that mapped inside the moving image at the last evaluation. */
    public double overlapFraction() {
        return n == 0 ? 0 : (double) validCount / n;
    }

    /** Intensity gain a of the last evaluation (1 without intensity matching). */
    public double gain() {
        return a;
    }

    /** Robust residual scale sigma of the last commit (intensity units; +infinity before the first). */
    public double residualScale() {
        return sigma;
    }
}
