package org.dwimotion.bids;

import java.io.IOException;
import org.dwimotion.image.Image3D;

/**
 * Fetches single volumes of a processed series on demand, so that writing outputs needs only one volume in
 * memory at a time (the corrected series is streamed; the report asks for a handful of volumes).
 */
public interface VolumeSource {

    /** Volume v as acquired (input grid, before correction). */
    Image3D observed(int v) throws IOException;

    /** The model's prediction of volume v on the reference grid, or null when none is available. */
    Image3D predicted(int v) throws IOException;

    /** Volume v resampled once onto the reference grid (cubic B-spline), on the reference grid. */
    Image3D corrected(int v) throws IOException;
}
