package org.dwimotion.pipeline;

import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiHeader;

/**
 * Checks of the job's inputs made on the driver before any work, each failing with an
 * {@link IllegalArgumentException} whose message names the file and the problem.
 */
public final class SeriesChecks {
    private SeriesChecks() {
    }

    /** The series must be 4-D with one gradient per volume and at least one b=0 volume. */
    public static void checkSeries(String location, NiftiHeader header, GradientTable table) {
        if (header.dim()[0] < 4 || header.nt() < 2) {
            throw new IllegalArgumentException(location + ": is " + header.nx() + "x" + header.ny() + "x" + header.nz()
                    + (header.dim()[0] >= 4 ? "x" + header.nt() : "") + " (" + header.dim()[0] + "-D); a diffusion "
                    + "series must be 4-D with at least 2 volumes");
        }
        for (int d = 5; d < header.dim().length && d <= header.dim()[0]; d++) {
            if (header.dim()[d] > 1) {
                throw new IllegalArgumentException(location + ": has " + header.dim()[0] + " dimensions (dim[" + d
                        + "] = " + header.dim()[d] + "); expected a 4-D series");
            }
        }
        table.requireVolumes(header.nt(), location);
        if (table.b0Indices().length == 0) {
            throw new IllegalArgumentException(table.source() + ": no b=0 volume (b <= " + table.b0Threshold()
                    + " s/mm^2); the LOVO models scale predictions by the mean b=0 signal");
        }
    }

    /** A mask must be 3-D (or 4-D with one volume) on the series' grid and select at least one voxel. */
    public static void checkMask(String location, NiftiHeader header, ImageGeometry series, int selected) {
        if (header.nt() != 1) {
            throw new IllegalArgumentException(location + ": a mask must be 3-D, this file has " + header.nt()
                    + " volumes");
        }
        if (!header.geometry().sameGrid(series, 1e-4)) {
            throw new IllegalArgumentException(location + ": mask grid " + header.geometry()
                    + " differs from the series grid " + series);
        }
        if (selected == 0) {
            throw new IllegalArgumentException(location + ": the mask selects no voxel");
        }
    }
}
