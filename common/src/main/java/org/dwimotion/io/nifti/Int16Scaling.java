package org.dwimotion.io.nifti;

/**
 * The scl_slope/scl_inter used to store float data as int16: stored = round((value − inter) / slope).
 *
 * @param slope scl_slope (never 0)
 * @param inter scl_inter
 */
public record Int16Scaling(double slope, double inter) {
    public static final Int16Scaling IDENTITY = new Int16Scaling(1, 0);

    /**
     * Chooses the scaling for a data set: identity when every value is an integer in the int16 range
     * (stored exactly), otherwise {@code slope = max|v| / 32767}, {@code inter = 0}, so that 0 stays
     * exactly 0 (backgrounds, masks) at the cost of one bit for all-positive data.
     *
     * @param data values to store. Not modified.
     * @throws IllegalArgumentException when a value is NaN or infinite (int16 cannot hold them)
     */
    public static Int16Scaling choose(float[] data) {
        double maxAbs = 0;
        boolean integral = true;
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("value " + v + " at index " + i + " cannot be stored as int16");
            }
            maxAbs = Math.max(maxAbs, Math.abs(v));
            if (integral && (v != Math.rint(v) || v < Short.MIN_VALUE || v > Short.MAX_VALUE)) {
                integral = false;
            }
        }
        if (integral || maxAbs == 0) {
            return IDENTITY;
        }
        return new Int16Scaling(maxAbs / Short.MAX_VALUE, 0);
    }

    /** The stored int16 for a value, rounded and clamped. */
    public short encode(float value) {
        double s = Math.rint((value - inter) / slope);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
    }
}
