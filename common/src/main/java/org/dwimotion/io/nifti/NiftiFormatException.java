package org.dwimotion.io.nifti;

import java.io.IOException;

/**
 * A NIfTI file that cannot be read as such: wrong magic, truncated data, corrupt compression,
 * unsupported or inconsistent header fields, refused sizes, rejected non-finite voxels. The message
 * always starts with the location.
 */
public class NiftiFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NiftiFormatException(String location, String problem) {
        super(location + ": " + problem);
    }

    public NiftiFormatException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
    }
}
