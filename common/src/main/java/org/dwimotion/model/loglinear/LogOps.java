package org.dwimotion.model.loglinear;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Natural logarithm by plain IEEE arithmetic (fdlibm's {@code __ieee754_log} algorithm without its branches), for the
 * log-signals of the log-linear fits.
 *
 * <p>Why not {@link Math#log}: HotSpot implements it as a stub that C2 calls once per element and never vectorises
 * (5–10 ns each, about a quarter of DTI-OLS's time), and its result may differ by an ulp between JVMs and CPUs.
 * This one uses only +, −, ×, ÷ and exact bit manipulation, so its result is the same on every Java platform (Java 17
 * floating point is strict). C2 does not auto-vectorise it (the bit reinterpretations), so {@link #logInPlace} runs
 * it on whole vectors ({@link VectorLogOps}) when the JVM has {@code --add-modules jdk.incubator.vector} (as the
 * project's scripts, Spark options and tests set), with bit-identical results: the scalar loop is the fallback.
 *
 * <p>Method (x = 2^k·m, √2/2 ≤ m &lt; √2, f = m − 1, s = f/(2+f)): {@code log x = k·ln2 + f − f²/2 + s·(f²/2 + R(s²))}
 * with fdlibm's minimax polynomial R (|error| &lt; 2^-58.45 on the range). Measured error against
 * {@link StrictMath#log} (fdlibm, &lt; 1 ulp): at most 1 ulp (see {@code LogOpsTest}).
 *
 * <p>Domain: positive normal doubles (≥ {@link Double#MIN_NORMAL}, finite). Other inputs (0, negative, subnormal,
 * infinite, NaN) are answered by {@link StrictMath#log} in {@link #logInPlace}; {@link #logNormal} leaves them
 * undefined. The kernels only take logs of signals raised to {@code MIN_POSITIVE_SIGNAL} = 1e-4.
 */
public final class LogOps {
    /**
     * Whether the kernels use jdk.incubator.vector: the JVM was started with {@code --add-modules
     * jdk.incubator.vector} and can compile with C2 (see {@link #vectorApiUsable}).
     */
    static final boolean VECTOR_API = vectorApiUsable(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
            ManagementFactory.getRuntimeMXBean().getInputArguments());
    static final double LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42fee00000, trailing zeros: k·LN2_HI exact
    static final double LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef35793c76
    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;
    /** Bits of √2/2 rounded: subtracting them makes the exponent field equal k for m in [√2/2, √2). */
    static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bcdL;
    /** 1.5·2^52: adding a small integer to its bits adds it to the value exactly (int → double without a cast). */
    static final long ROUND_BITS = 0x4338000000000000L;
    static final double ROUND = 0x1.8p52;

    private LogOps() {
    }

    /**
     * Vector API code is fast only once C2 has compiled it; the interpreter and C1 run it ~16× slower than the scalar
     * loops (DTI-OLS on the phantom with {@code -XX:TieredStopAtLevel=1}: 1.76 s against 0.107 s). So it is used
     * only when the module is present and neither {@code -Xint} nor {@code -XX:TieredStopAtLevel} &lt; 4 (as in the
     * cluster tests' light executor JVMs) rules C2 out. Results are the same either way.
     */
    static boolean vectorApiUsable(boolean modulePresent, List<String> jvmArguments) {
        if (!modulePresent) {
            return false;
        }
        for (String arg : jvmArguments) {
            if (arg.equals("-Xint")) {
                return false;
            }
            if (arg.startsWith("-XX:TieredStopAtLevel=")) {
                String level = arg.substring("-XX:TieredStopAtLevel=".length()).trim();
                if (!level.matches("[0-9]+") || Integer.parseInt(level) < 4) {
                    return false;
                }
            }
        }
        return true;
    }

    /** log x for a positive normal finite x (undefined otherwise). */
    public static double logNormal(double x) {
        long bits = Double.doubleToRawLongBits(x);
        long k = (bits - SQRT_HALF_BITS) >> 52;
        double m = Double.longBitsToDouble(bits - (k << 52));
        double dk = Double.longBitsToDouble(ROUND_BITS + k) - ROUND;
        double f = m - 1; // exact (Sterbenz)
        double s = f / (2 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        double r = t2 + t1;
        double hfsq = 0.5 * f * f;
        return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
    }

    /**
     * {@code a[i] = log(a[i])} for i in [from, to). Positive normal finite values take the branch-free path; any other
     * value is recomputed by {@link StrictMath#log} (same IEEE results for 0, negatives, subnormals, ∞ and NaN).
     */
    public static void logInPlace(double[] a, int from, int to) {
        if (VECTOR_API && VectorLogOps.logNormalInPlace(a, from, to)) {
            return;
        }
        for (int i = from; i < to; i++) {
            double x = a[i];
            a[i] = x >= Double.MIN_NORMAL && x <= Double.MAX_VALUE ? logNormal(x) : StrictMath.log(x);
        }
    }
}
