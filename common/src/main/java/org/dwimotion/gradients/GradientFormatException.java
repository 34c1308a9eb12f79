package org.dwimotion.gradients;

import java.io.IOException;

/**
 * A b-value or b-vector file that cannot be used: non-numeric tokens, a layout that is neither 3×N nor
 * N×3, counts that differ, NaN vectors on diffusion-weighted rows, negative b-values. The message starts
 * with the file(s) concerned.
 */
public class GradientFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public GradientFormatException(String location, String problem) {
        super(location + ": " + problem);
    }

    public GradientFormatException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
    }
}
