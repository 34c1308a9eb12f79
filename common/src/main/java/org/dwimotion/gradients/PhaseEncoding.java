package org.dwimotion.gradients;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;

/**
 * The phase-encoding (PE) axis of an EPI series, in BIDS's notation: a voxel axis {@code i}, {@code j} or
 * {@code k} (the NIfTI's first, second, third array axis), with a trailing {@code -} for the reversed polarity
 * ({@code PhaseEncodingDirection} of the series' JSON sidecar).
 *
 * <p>Why it matters: an eddy-current field displaces points only along the PE axis, so the eddy model of an affine
 * run ({@code EddyTransform}) needs that axis in world coordinates. It is the voxel axis mapped through the series'
 * voxel-to-world matrix: world RAS, unit length, so on an oblique or non-axial grid it is not a world axis. The
 * polarity only flips the sign of the fitted eddy coefficients (the displacement model is linear), but is kept.
 *
 * @param code   {@code i, i-, j, j-, k} or {@code k-}
 * @param source where it came from, for messages and provenance (a sidecar location, or why the default applies)
 */
public record PhaseEncoding(String code, String source) {
    /** BIDS's sidecar field. */
    public static final String SIDECAR_FIELD = "PhaseEncodingDirection";
    /** Used when nothing says otherwise: the second voxel axis, A–P or P–A on an axial EPI series. */
    public static final String DEFAULT_CODE = "j";
    /** A sidecar larger than this is not a BIDS JSON sidecar (they are a few kB): refused rather than read. */
    private static final long MAX_SIDECAR_BYTES = 1 << 20;
    private static final Pattern FIELD = Pattern.compile(
            "\"" + SIDECAR_FIELD + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\s]+)");

    public PhaseEncoding {
        if (code == null || !code.matches("[ijk]-?")) {
            throw new IllegalArgumentException((source == null ? "" : source + ": ") + SIDECAR_FIELD + " '" + code
                    + "' is not one of i, i-, j, j-, k, k-");
        }
    }

    /**
     * The PE axis of a series: from the BIDS JSON sidecar next to it ({@code x.nii.gz} → {@code x.json}) when it
     * exists and has {@value #SIDECAR_FIELD}, else {@value #DEFAULT_CODE} (the source says which).
     *
     * @throws IllegalArgumentException naming the sidecar when the field is there but not a valid code
     */
    public static PhaseEncoding forSeries(String niftiLocation, Storage storage) throws IOException {
        String sidecar = Locations.stripNiftiExtension(niftiLocation) + ".json";
        if (!storage.exists(sidecar)) {
            return new PhaseEncoding(DEFAULT_CODE, "default (no " + sidecar + ")");
        }
        return fromSidecar(sidecar, storage);
    }

    /**
     * The PE axis in a given JSON sidecar (e.g. one a BIDS dataset's inheritance found), or {@value #DEFAULT_CODE}
     * when it has no {@value #SIDECAR_FIELD}.
     *
     * @throws IllegalArgumentException naming the sidecar when the field is not a valid code or the file is too
     *                                  large to be a sidecar
     */
    public static PhaseEncoding fromSidecar(String sidecar, Storage storage) throws IOException {
        long length = storage.length(sidecar);
        if (length > MAX_SIDECAR_BYTES) {
            throw new IllegalArgumentException(sidecar + ": " + length + " bytes is too large for a JSON sidecar");
        }
        String text;
        try (InputStream in = storage.openRead(sidecar)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String value = fieldValue(text, sidecar);
        return value == null ? new PhaseEncoding(DEFAULT_CODE, "default (" + sidecar + " has no " + SIDECAR_FIELD + ")")
                : new PhaseEncoding(value, sidecar);
    }

    /**
     * The string value of {@value #SIDECAR_FIELD} in a JSON text, or null when the field is absent. A pattern, not
     * a JSON parser (common has none): enough for one top-level string field; a non-string value is refused.
     */
    static String fieldValue(String json, String source) {
        Matcher m = FIELD.matcher(json);
        if (!m.find()) {
            return null;
        }
        if (m.group(2) == null) {
            throw new IllegalArgumentException(source + ": " + SIDECAR_FIELD + " must be a string such as \"j-\", not "
                    + m.group(1));
        }
        return m.group(2).trim();
    }

    /** 0, 1 or 2: the voxel axis. */
    public int voxelAxis() {
        return code.charAt(0) - 'i';
    }

    /** True for the reversed polarity ({@code -}). */
    public boolean reversed() {
        return code.endsWith("-");
    }

    /**
     * The PE direction in world RAS: the voxel axis' column of the voxel-to-world matrix, normalised, negated for
     * a reversed polarity.
     */
    public double[] worldDirection(ImageGeometry grid) {
        double[] m = grid.voxelToWorld();
        int a = voxelAxis();
        double x = m[a];
        double y = m[4 + a];
        double z = m[8 + a];
        double norm = Math.sqrt(x * x + y * y + z * z);
        double s = (reversed() ? -1 : 1) / norm;
        return new double[] {s * x, s * y, s * z};
    }
}
