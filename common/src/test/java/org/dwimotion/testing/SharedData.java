package org.dwimotion.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the read-only {@code ../shared} folder (real DIPY crops, the phantom, DIPY golden files).
 *
 * <p>Tests that need it call {@link #require(String)}: when the folder or file is absent the test
 * is <em>skipped</em> with a message saying what is missing, never passed silently. The location
 * comes from the {@code dwimotion.shared} system property (set by the parent pom to
 * {@code <repo>/../shared}), else the {@code DWIMOTION_SHARED} environment variable.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared root, or null when it cannot be found. */
    public static Path rootOrNull() {
        String p = System.getProperty("dwimotion.shared");
        if (p == null || p.isBlank()) {
            p = System.getenv("DWIMOTION_SHARED");
        }
        if (p == null || p.isBlank()) {
            return null;
        }
        Path root = Path.of(p).toAbsolutePath().normalize();
        return Files.isDirectory(root) ? root : null;
    }

    /**
     * Resolves a file under the shared root, skipping the calling test when it is absent.
     *
     * @param relative e.g. {@code "data/phantom/dwi.nii.gz"}
     */
    public static Path require(String relative) {
        Path root = rootOrNull();
        assumeTrue(root != null, () -> "SKIPPED: ../shared not found (set -Ddwimotion.shared=DIR); needed for " + relative);
        Path file = root.resolve(relative);
        assumeTrue(Files.exists(file), () -> "SKIPPED: " + file + " is absent from ../shared");
        return file;
    }
}
