package org.dwimotion.registration.intensity;

/**
 * Rician magnitude statistics, pure functions.
 *
 * <p>Convention: a magnitude image M = |S + n| with S ≥ 0 the true signal and n complex Gaussian
 * noise of standard deviation σ per channel (real and imaginary) has the mean
 * <pre>
 *   E[M] = σ √(π/2) e^(−x) [(1 + 2x) I0(x) + 2x I1(x)],   x = S² / (4σ²)
 * </pre>
 * (Rice 1944; the Laguerre form σ √(π/2) L_{1/2}(−S²/(2σ²))). S, σ and E[M] share the image's
 * intensity unit. At S = 0 it is the Rayleigh mean σ √(π/2); for S ≫ σ it tends to S + σ²/(2S).
 *
 * <p>The exponentially scaled Bessel functions use the polynomial approximations of Abramowitz &
 * Stegun 9.8.1–9.8.4 (relative error below 1e-6 for all x ≥ 0; enough for float images), so nothing
 * overflows at high SNR.
 */
public final class RicianOps {
    private static final double SQRT_HALF_PI = Math.sqrt(Math.PI / 2);

    private RicianOps() {
    }

    /** e^(−x) I0(x) for x ≥ 0 (I0 is even, so |x| is used). */
    public static double besselI0Scaled(double x) {
        double ax = Math.abs(x);
        if (ax < 3.75) {
            double t = (ax / 3.75) * (ax / 3.75);
            double i0 = 1.0 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492 + t * (0.2659732
                    + t * (0.0360768 + t * 0.0045813)))));
            return i0 * Math.exp(-ax);
        }
        double u = 3.75 / ax;
        return (0.39894228 + u * (0.01328592 + u * (0.00225319 + u * (-0.00157565 + u * (0.00916281
                + u * (-0.02057706 + u * (0.02635537 + u * (-0.01647633 + u * 0.00392377)))))))) / Math.sqrt(ax);
    }

    /** e^(−x) I1(x) for x ≥ 0 (I1 is odd; negative x gives the negative value). */
    public static double besselI1Scaled(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3.75) {
            double t = (ax / 3.75) * (ax / 3.75);
            r = ax * (0.5 + t * (0.87890594 + t * (0.51498869 + t * (0.15084934 + t * (0.02658733
                    + t * (0.00301532 + t * 0.00032411)))))) * Math.exp(-ax);
        } else {
            double u = 3.75 / ax;
            r = (0.39894228 + u * (-0.03988024 + u * (-0.00362018 + u * (0.00163801 + u * (-0.01031555
                    + u * (0.02282967 + u * (-0.02895312 + u * (0.01787654 - u * 0.00420059)))))))) / Math.sqrt(ax);
        }
        return x < 0 ? -r : r;
    }

    /**
     * E|S + n|: the mean magnitude of signal S under complex noise σ per channel (class note).
     *
     * @param signal true signal (its absolute value is used)
     * @param sigma  noise standard deviation per channel, ≥ 0; 0 gives |signal|
     */
    public static double expectedMagnitude(double signal, double sigma) {
        double s = Math.abs(signal);
        if (!(sigma > 0)) {
            return s;
        }
        double x = s * s / (4 * sigma * sigma);
        return sigma * SQRT_HALF_PI * ((1 + 2 * x) * besselI0Scaled(x) + 2 * x * besselI1Scaled(x));
    }

    /**
     * The noise σ ≥ 0 that lifts a signal level to a magnitude level: solves
     * {@code expectedMagnitude(signal, σ) = magnitude} (E[M] grows strictly with σ). 0 when
     * {@code magnitude ≤ |signal|} (no extra noise explains it). Bisection to 1e-9 relative.
     */
    public static double sigmaLifting(double signal, double magnitude) {
        double s = Math.abs(signal);
        if (!(magnitude > s)) {
            return 0;
        }
        double lo = 0;
        double hi = magnitude / SQRT_HALF_PI; // E[M] ≥ σ √(π/2) = magnitude there
        for (int it = 0; it < 200 && hi - lo > 1e-9 * hi; it++) {
            double mid = 0.5 * (lo + hi);
            if (expectedMagnitude(s, mid) < magnitude) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
