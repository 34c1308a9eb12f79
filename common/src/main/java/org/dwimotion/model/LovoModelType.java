package org.dwimotion.model;

import java.util.Locale;

/**
 * The signal models that can predict a held-out volume from the others.
 *
 * <ul>
 *   <li>{@link #DTI}: diffusion tensor, log-linear, 7 parameters (DIPY {@code TensorModel}).</li>
 *   <li>{@link #DKI}: diffusion kurtosis, log-linear, 22 parameters (DIPY {@code DiffusionKurtosisModel});
 *       needs at least three distinct b-values including b=0 ({@link LovoDesign#supportsDki}).</li>
 *   <li>{@link #B0}: reference model; every volume is predicted by the mean of the other b=0 volumes.</li>
 *   <li>{@link #AVGDWI}: reference model; the median of the other volumes of the same shell.</li>
 * </ul>
 */
public enum LovoModelType {
    DTI("dti"), DKI("dki"), B0("b0"), AVGDWI("avgdwi");

    private final String cliName;

    LovoModelType(String cliName) {
        this.cliName = cliName;
    }

    /** The lower-case name used on the command line and in files. */
    public String cliName() {
        return cliName;
    }

    /** True for the models fitted by log-linear least squares (DTI, DKI). */
    public boolean isLogLinear() {
        return this == DTI || this == DKI;
    }

    /** Parses {@code dti|dki|b0|avgdwi} (case-insensitive); fails fast on anything else. */
    public static LovoModelType parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (LovoModelType t : values()) {
                if (t.cliName.equals(n)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "': expected one of dti, dki, b0, avgdwi");
    }
}
