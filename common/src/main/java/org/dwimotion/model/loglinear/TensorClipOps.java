package org.dwimotion.model.loglinear;

/**
 * DIPY's eigenvalue floor on a fitted diffusion tensor ({@code decompose_tensor(..., min_diffusivity)}):
 * eigenvalues below {@code md} are raised to {@code md} and the prediction uses the modified tensor
 * {@code D' = D + Σ_k max(0, md - λ_k) e_k e_kᵀ}. For DKI the kurtosis coefficients are divided and multiplied
 * by the same MD², so only the tensor part of the log-attenuation changes.
 *
 * <p>Tensors are 6 numbers in lower-triangular order Dxx, Dxy, Dyy, Dxz, Dyz, Dzz (mm²/s).
 */
public final class TensorClipOps {
    private TensorClipOps() {
    }

    /**
     * Cheap test (Sylvester's criterion on {@code D - md·I}): false means every eigenvalue exceeds {@code md}
     * and the tensor is used as is. True means at least one eigenvalue is at or below {@code md} (or a value is
     * not finite), and {@link #logAttenuationCorrection} must be applied.
     */
    public static boolean needsClipping(double dxx, double dxy, double dyy, double dxz, double dyz, double dzz,
                                        double md) {
        double a = dxx - md, b = dyy - md, c = dzz - md;
        double m2 = a * b - dxy * dxy;
        double m3 = a * (b * c - dyz * dyz) - dxy * (dxy * c - dyz * dxz) + dxz * (dxy * dyz - b * dxz);
        return !(a > 0 && m2 > 0 && m3 > 0);
    }

    /**
     * The change of log-attenuation {@code X_v·(D' - D)} caused by the eigenvalue floor.
     *
     * @param d    tensor, 6 values lower-triangular (mm²/s). Not modified.
     * @param md   the floor (mm²/s)
     * @param xRow the tensor part of the (unscaled) design row of the predicted volume, 6 values. Not modified.
     * @param work workspace of at least 21 doubles. Modified.
     * @return the correction to add to the log-attenuation (0 when nothing is clipped)
     */
    public static double logAttenuationCorrection(double[] d, double md, double[] xRow, double[] work) {
        // work[0..8]: symmetric matrix, work[9..17]: eigenvectors (columns), work[18..20]: eigenvalues
        eigenSymmetric3(d, work);
        double dxx = 0, dxy = 0, dyy = 0, dxz = 0, dyz = 0, dzz = 0;
        for (int k = 0; k < 3; k++) {
            double lift = md - work[18 + k];
            if (lift > 0) {
                double ex = work[9 + k], ey = work[12 + k], ez = work[15 + k];
                dxx += lift * ex * ex;
                dxy += lift * ex * ey;
                dyy += lift * ey * ey;
                dxz += lift * ex * ez;
                dyz += lift * ey * ez;
                dzz += lift * ez * ez;
            }
        }
        return xRow[0] * dxx + xRow[1] * dxy + xRow[2] * dyy + xRow[3] * dxz + xRow[4] * dyz + xRow[5] * dzz;
    }

    /**
     * Cyclic Jacobi eigen-decomposition of a symmetric 3×3 matrix.
     *
     * @param d    lower-triangular 6 values. Not modified.
     * @param work at least 21 doubles; on return {@code work[9 + 3r + k]} is component r of eigenvector k and
     *             {@code work[18 + k]} eigenvalue k (unsorted). Modified.
     */
    static void eigenSymmetric3(double[] d, double[] work) {
        double[] a = work;
        a[0] = d[0];
        a[1] = d[1];
        a[2] = d[3];
        a[3] = d[1];
        a[4] = d[2];
        a[5] = d[4];
        a[6] = d[3];
        a[7] = d[4];
        a[8] = d[5];
        for (int i = 0; i < 9; i++) {
            a[9 + i] = (i % 4 == 0) ? 1 : 0;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = Math.abs(a[1]) + Math.abs(a[2]) + Math.abs(a[5]);
            double diag = Math.abs(a[0]) + Math.abs(a[4]) + Math.abs(a[8]);
            if (off == 0 || off <= 1e-18 * diag) {
                break;
            }
            rotate(a, 0, 1);
            rotate(a, 0, 2);
            rotate(a, 1, 2);
        }
        a[18] = a[0];
        a[19] = a[4];
        a[20] = a[8];
    }

    private static void rotate(double[] a, int p, int q) {
        double apq = a[3 * p + q];
        if (apq == 0) {
            return;
        }
        double theta = (a[3 * q + q] - a[3 * p + p]) / (2 * apq);
        double t = Math.abs(theta) > 1e150 ? 0.5 / theta
                : Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        a[3 * p + p] -= t * apq;
        a[3 * q + q] += t * apq;
        a[3 * p + q] = 0;
        a[3 * q + p] = 0;
        int r = 3 - p - q;
        double arp = a[3 * r + p], arq = a[3 * r + q];
        a[3 * r + p] = a[3 * p + r] = c * arp - s * arq;
        a[3 * r + q] = a[3 * q + r] = s * arp + c * arq;
        for (int k = 0; k < 3; k++) {
            double vkp = a[9 + 3 * k + p], vkq = a[9 + 3 * k + q];
            a[9 + 3 * k + p] = c * vkp - s * vkq;
            a[9 + 3 * k + q] = s * vkp + c * vkq;
        }
    }
}
