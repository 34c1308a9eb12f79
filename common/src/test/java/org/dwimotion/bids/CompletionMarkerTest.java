package org.dwimotion.bids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dwimotion.io.FileTree;
import org.junit.jupiter.api.Test;

class CompletionMarkerTest {
    private static final List<FileTree.Entry> INPUTS = List.of(
            new FileTree.Entry("/d/sub-01/dwi/sub-01_dwi.nii.gz", "sub-01_dwi.nii.gz", false, 1000, 5),
            new FileTree.Entry("/d/sub-01/dwi/sub-01_dwi.bval", "sub-01_dwi.bval", false, 20, 6));

    private static Map<String, String> options(String model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("iterations", "2");
        return m;
    }

    @Test
    void fingerprintChangesWithVersionOptionsSizeAndTime() {
        String f = CompletionMarker.fingerprint("1.0", options("dti"), INPUTS);
        assertEquals(64, f.length());
        assertEquals(f, CompletionMarker.fingerprint("1.0", options("dti"), INPUTS));
        assertNotEquals(f, CompletionMarker.fingerprint("1.1", options("dti"), INPUTS));
        assertNotEquals(f, CompletionMarker.fingerprint("1.0", options("dki"), INPUTS));
        List<FileTree.Entry> touched = List.of(INPUTS.get(0),
                new FileTree.Entry("/d/sub-01/dwi/sub-01_dwi.bval", "sub-01_dwi.bval", false, 20, 7));
        assertNotEquals(f, CompletionMarker.fingerprint("1.0", options("dti"), touched));
        List<FileTree.Entry> moved = List.of(
                new FileTree.Entry("s3a://b/sub-01/dwi/sub-01_dwi.nii.gz", "sub-01_dwi.nii.gz", false, 1000, 5),
                new FileTree.Entry("s3a://b/sub-01/dwi/sub-01_dwi.bval", "sub-01_dwi.bval", false, 20, 6));
        assertEquals(f, CompletionMarker.fingerprint("1.0", options("dti"), moved), "the dataset root does not count");
    }

    @Test
    void markerRecordsItsFingerprintAndTruncatedOnesDoNotMatch() {
        DwiSeries s = new DwiSeries(BidsName.fromInput("sub-01_dwi.nii.gz"), "sub-01/dwi", INPUTS.get(0).location(),
                INPUTS.get(1).location(), "/d/sub-01/dwi/sub-01_dwi.bvec", null, INPUTS);
        String json = CompletionMarker.json(s, "1.0", options("dti"), "2025-01-01T00:00:00Z", List.of("a.nii.gz"));
        String f = CompletionMarker.fingerprint("1.0", options("dti"), INPUTS);
        assertTrue(json.contains("\"Series\": \"sub-01\""), json);
        assertEquals(f, CompletionMarker.recordedFingerprint(json));
        assertTrue(CompletionMarker.matches(json, f));
        assertFalse(CompletionMarker.matches(json.substring(0, json.indexOf(f) + 10), f));
        assertNull(CompletionMarker.recordedFingerprint("{}"));
    }
}
