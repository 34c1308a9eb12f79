package org.dwimotion.io.itk;

import java.io.IOException;

/** An ITK transform file that cannot be read; the message names the file and the problem. */
public final class ItkTransformFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ItkTransformFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
