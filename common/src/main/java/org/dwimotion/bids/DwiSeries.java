package org.dwimotion.bids;

import java.util.List;
import org.dwimotion.io.FileTree;

/**
 * One diffusion series found in a BIDS dataset, with its sidecars.
 *
 * @param name   the BIDS entities of the series ({@code sub-01_ses-1_run-2_dwi.nii.gz} gives sub, ses, run)
 * @param folder its folder relative to the dataset root: {@code sub-01/ses-1/dwi}
 * @param dwi    location of the 4-D image ({@code .nii} or {@code .nii.gz})
 * @param bval   location of the b-values
 * @param bvec   location of the b-vectors
 * @param json   location of the JSON sidecar, or null when there is none
 * @param inputs the files above as listed (size, modification time): what a completion marker records
 */
public record DwiSeries(BidsName name, String folder, String dwi, String bval, String bvec, String json,
                        List<FileTree.Entry> inputs) {

    public DwiSeries {
        inputs = List.copyOf(inputs);
    }

    /** The series' identity in tables and folder names: its entities, {@code sub-01_ses-1_run-2}. */
    public String key() {
        return name.prefix();
    }

    /** Subject label without {@code sub-}. */
    public String subject() {
        return name.entity("sub");
    }

    /** Session label without {@code ses-}, or null. */
    public String session() {
        return name.entity("ses");
    }

    /** The series' own output folder under {@code outputRoot}: {@code <root>/sub-01/ses-1/dwi/sub-01_ses-1_run-2}. */
    public String outputFolder(String outputRoot) {
        return stripSlash(outputRoot) + "/" + folder + "/" + key();
    }

    static String stripSlash(String s) {
        String r = s;
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
