package org.dwimotion.spark.testing;

/**
 * How close two floating-point values must be: {@code |e - a| <= absolute + relative * |e|}, where {@code e} is
 * the expected value. NaN matches NaN, and an infinity matches the same infinity only.
 */
public record Tolerance(double absolute, double relative) {

    /** Bit-for-bit (apart from NaN payloads): the default of every comparison. */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    public Tolerance {
        if (!(absolute >= 0) || !(relative >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0, got " + absolute + ", " + relative);
        }
    }

    public static Tolerance absolute(double abs) {
        return new Tolerance(abs, 0);
    }

    public static Tolerance relative(double rel) {
        return new Tolerance(0, rel);
    }

    public boolean isExact() {
        return absolute == 0 && relative == 0;
    }

    public boolean close(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true; // also equal infinities
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return false;
        }
        return Math.abs(expected - actual) <= absolute + relative * Math.abs(expected);
    }
}
