package org.dwimotion.bids;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dwimotion.io.Locations;

/**
 * The BIDS entities of an input series and the derivative file names built from them.
 *
 * <p>A BIDS input name is {@code key-value} entities joined by {@code _}, the first being {@code sub-},
 * then a suffix, then the extension: {@code sub-01_ses-1_acq-multiband_run-2_dwi.nii.gz}. Its entities are
 * kept in their order, except {@code desc} (derivatives set their own); the suffix and extension are
 * replaced. Any other name ({@code dwi.nii.gz}, {@code patient 7.nii}) is not BIDS: its stem, stripped of
 * characters that BIDS labels forbid (anything but letters and digits), becomes the subject label, so
 * {@code dwi.nii.gz} gives {@code sub-dwi} and {@code patient 7.nii} gives {@code sub-patient7}; an empty
 * stem gives {@code sub-unknown}. Derivative names are then {@code <entities>[_desc-<desc>]_<suffix><ext>},
 * e.g. {@code sub-01_ses-1_desc-preproc_dwi.nii.gz}.
 *
 * @param entities the kept entities in order, each {@code key-value}, the first {@code sub-<label>}
 * @param bids     whether the input name was a BIDS name (false: the fallback label was used)
 */
public record BidsName(List<String> entities, boolean bids) {
    private static final Pattern ENTITY = Pattern.compile("[A-Za-z0-9]+-[A-Za-z0-9]+");
    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9]+");

    public BidsName {
        entities = List.copyOf(entities);
        if (entities.isEmpty() || !entities.get(0).startsWith("sub-")) {
            throw new IllegalArgumentException("BIDS entities must start with sub-<label>: " + entities);
        }
        for (String e : entities) {
            if (!ENTITY.matcher(e).matches()) {
                throw new IllegalArgumentException("not a BIDS entity (key-value, letters and digits): " + e);
            }
        }
    }

    /** The entities of an input location (any path or URI; only the file name counts). */
    public static BidsName fromInput(String location) {
        String stem = stripExtension(Locations.fileName(location));
        String[] parts = stem.split("_", -1);
        boolean bids = parts.length >= 2 && parts[0].startsWith("sub-") && SUFFIX.matcher(parts[parts.length - 1]).matches();
        List<String> kept = new ArrayList<>();
        for (int i = 0; bids && i < parts.length - 1; i++) {
            if (!ENTITY.matcher(parts[i]).matches()) {
                bids = false;
            } else if (!parts[i].startsWith("desc-")) {
                kept.add(parts[i]);
            }
        }
        if (bids) {
            return new BidsName(kept, true);
        }
        String label = stem.replaceAll("[^A-Za-z0-9]", "");
        return new BidsName(List.of("sub-" + (label.isEmpty() ? "unknown" : label)), false);
    }

    /** The entities joined by {@code _}: {@code sub-01_ses-1}. */
    public String prefix() {
        return String.join("_", entities);
    }

    /** The value of an entity ({@code "sub"} gives {@code "01"}), or null when absent. */
    public String entity(String key) {
        for (String e : entities) {
            if (e.startsWith(key + "-")) {
                return e.substring(key.length() + 1);
            }
        }
        return null;
    }

    /**
     * A derivative file name.
     *
     * @param desc      the {@code desc} label, or null for none
     * @param suffix    e.g. {@code dwi}, {@code mask}, {@code dwiref}, {@code motion}
     * @param extension with its dot, e.g. {@code .nii.gz}, {@code .tsv}; empty for a folder
     */
    public String file(String desc, String suffix, String extension) {
        if (desc != null && !SUFFIX.matcher(desc).matches()) {
            throw new IllegalArgumentException("desc label must be letters and digits: " + desc);
        }
        if (!SUFFIX.matcher(suffix).matches()) {
            throw new IllegalArgumentException("suffix must be letters and digits: " + suffix);
        }
        return prefix() + (desc == null ? "" : "_desc-" + desc) + "_" + suffix + extension;
    }

    /** The BIDS folder of these entities relative to a dataset root: {@code sub-01/ses-1/dwi}. */
    public String folder() {
        String ses = entity("ses");
        return entities.get(0) + (ses == null ? "" : "/ses-" + ses) + "/dwi";
    }

    private static String stripExtension(String name) {
        String stem = Locations.stripNiftiExtension(name);
        String lower = stem.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".mif", ".mgz", ".nrrd"}) {
            if (lower.endsWith(ext)) {
                return stem.substring(0, stem.length() - ext.length());
            }
        }
        return stem;
    }
}
