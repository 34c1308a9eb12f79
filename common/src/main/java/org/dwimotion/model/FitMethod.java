package org.dwimotion.model;

import java.util.Locale;

/**
 * How a log-linear model (DTI, DKI) is fitted to the log-signal; ignored by the reference models.
 *
 * <ul>
 *   <li>{@link #OLS}: ordinary least squares on log(S).</li>
 *   <li>{@link #WLS}: weighted least squares on log(S), weights = squared signal predicted by the OLS fit
 *       on the same volumes (DIPY 1.6.0 {@code fit_method="WLS"}).</li>
 * </ul>
 */
public enum FitMethod {
    OLS, WLS;

    /** Parses {@code ols|wls} (case-insensitive); fails fast on anything else. */
    public static FitMethod parse(String name) {
        if (name != null) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            for (FitMethod f : values()) {
                if (f.name().equals(n)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown fit method '" + name + "': expected ols or wls");
    }
}
