package org.dwimotion.pipeline;

import java.util.Locale;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.gradients.Shell;
import org.dwimotion.model.LovoDesign;
import org.dwimotion.model.LovoModelType;

/** Resolves the {@code --model} option, {@code auto} included. */
public final class ModelChoice {
    /** The option value that lets the series decide. */
    public static final String AUTO = "auto";

    private ModelChoice() {
    }

    /**
     * {@code auto}: DKI when the series has at least two non-zero shells (and DKI can be fitted in every
     * leave-one-out subset, {@link LovoDesign#supportsDki}), else DTI. Any other value: that model.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static LovoModelType resolve(String name, GradientTable table) {
        if (name == null || !name.trim().toLowerCase(Locale.ROOT).equals(AUTO)) {
            return LovoModelType.parse(name);
        }
        int shells = 0;
        for (Shell s : table.shells()) {
            if (!s.b0()) {
                shells++;
            }
        }
        return shells >= 2 && LovoDesign.supportsDki(table.bvals()) ? LovoModelType.DKI : LovoModelType.DTI;
    }
}
