package org.dwimotion.bids;

import java.util.Locale;

/**
 * The names of one series' outputs, relative to the output root.
 *
 * @param folder the series folder relative to the root ({@code sub-01/ses-1/dwi}, or empty for a flat layout)
 * @param name   the BIDS entities of the input
 * @param nVolumes number of volumes (sets the zero padding of per-volume transform names)
 */
public record SeriesFiles(String folder, BidsName name, int nVolumes) {

    public static SeriesFiles of(BidsName name, int nVolumes, boolean bidsLayout) {
        return new SeriesFiles(bidsLayout ? name.folder() : "", name, nVolumes);
    }

    private String at(String file) {
        return folder.isEmpty() ? file : folder + "/" + file;
    }

    public String preprocDwi() {
        return at(name.file("preproc", "dwi", ".nii.gz"));
    }

    public String preprocJson() {
        return at(name.file("preproc", "dwi", ".json"));
    }

    public String preprocBval() {
        return at(name.file("preproc", "dwi", ".bval"));
    }

    public String preprocBvec() {
        return at(name.file("preproc", "dwi", ".bvec"));
    }

    public String brainMask() {
        return at(name.file("brain", "mask", ".nii.gz"));
    }

    public String dwiref() {
        return at(name.file(null, "dwiref", ".nii.gz"));
    }

    public String motionTsv() {
        return at(name.file("hmc", "motion", ".tsv"));
    }

    public String motionJson() {
        return at(name.file("hmc", "motion", ".json"));
    }

    /** All N affines in one TSV (RAS, fixed → moving). */
    public String affinesTsv() {
        return at(name.file("hmc", "affines", ".tsv"));
    }

    /** The folder of per-volume ITK transforms. */
    public String xfmFolder() {
        return at(name.file("hmc", "xfm", ""));
    }

    /** Volume v's ITK transform: {@code <xfm folder>/<entities>_vol-0007_xfm.txt}. */
    public String xfm(int v) {
        int digits = Math.max(4, Integer.toString(Math.max(0, nVolumes - 1)).length());
        return xfmFolder() + "/" + name.prefix() + "_vol-" + String.format(Locale.ROOT, "%0" + digits + "d", v)
                + "_xfm.txt";
    }

    public String report() {
        return at(name.file("hmc", "report", ".html"));
    }

    /** The run sidecar, written last: its presence marks the series as complete. */
    public String hmcJson() {
        return at(name.file("hmc", "dwi", ".json"));
    }
}
