package org.dwimotion.bids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dwimotion.io.FileTree;

/**
 * The marker that says a series' outputs are complete: {@code <series output>/_DWIMOTION_COMPLETE}, a small JSON
 * document written last, after every other file of the series. Readers (a rerun, a user, the group table) trust
 * a series folder only when its marker is there; this also holds on S3, where the folder "rename" that commits a
 * series is a copy that a crash may leave half done.
 *
 * <p>The marker's {@code Fingerprint} is a SHA-256 over the dwimotion version, the processing options that change
 * results, and the name, size and modification time of every input file. A rerun skips a series exactly when the
 * marker exists and its fingerprint equals the one of the current inputs and options; any change (a re-exported
 * image, another {@code --model}, a new version) reprocesses it.
 */
public final class CompletionMarker {
    /** The marker's file name inside a series output folder. */
    public static final String FILE_NAME = "_DWIMOTION_COMPLETE";

    private static final Pattern FINGERPRINT = Pattern.compile("\"Fingerprint\"\\s*:\\s*\"([0-9a-f]{64})\"");

    private CompletionMarker() {
    }

    /**
     * @param version dwimotion version
     * @param options options that change results, in a fixed order (e.g. {@code model=auto})
     * @param inputs  the series' input files as listed
     * @return 64 lower-case hex digits
     */
    public static String fingerprint(String version, Map<String, String> options, List<FileTree.Entry> inputs) {
        StringBuilder s = new StringBuilder("dwimotion ").append(version).append('\n');
        options.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        for (FileTree.Entry e : inputs) {
            s.append(e.name()).append('\t').append(e.length()).append('\t').append(e.modificationTime()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * The marker document.
     *
     * @param completedUtc ISO-8601 instant the series completed
     * @param files        output files of the series, relative to its folder
     */
    public static String json(DwiSeries series, String version, Map<String, String> options, String completedUtc,
                              List<String> files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Series", series.key());
        m.put("DwimotionVersion", version);
        m.put("Fingerprint", fingerprint(version, options, series.inputs()));
        m.put("Completed", completedUtc);
        m.put("Options", new LinkedHashMap<String, Object>(options));
        List<Object> inputs = new ArrayList<>();
        for (FileTree.Entry e : series.inputs()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("Location", e.location());
            i.put("Size", e.length());
            i.put("ModificationTime", e.modificationTime());
            inputs.add(i);
        }
        m.put("Inputs", inputs);
        m.put("Files", new ArrayList<Object>(files));
        return Json.write(m);
    }

    /** The fingerprint recorded in a marker document, or null when it has none (not a marker, truncated). */
    public static String recordedFingerprint(String markerJson) {
        Matcher m = FINGERPRINT.matcher(markerJson);
        return m.find() ? m.group(1) : null;
    }

    /** Whether a marker document records the given fingerprint. */
    public static boolean matches(String markerJson, String fingerprint) {
        return fingerprint.equals(recordedFingerprint(markerJson));
    }
}
