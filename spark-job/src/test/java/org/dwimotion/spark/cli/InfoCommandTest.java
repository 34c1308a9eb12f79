package org.dwimotion.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.dwimotion.spark.testing.CliRun.assertContains;
import static org.dwimotion.spark.testing.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dwimotion.spark.testing.CliRun.Result;
import org.dwimotion.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dwimotion info} through the real command line, output captured. */
class InfoCommandTest {
    @TempDir
    Path dir;

    @Test
    void phantom() {
        String nifti = SharedData.require("data/phantom/dwi.nii.gz").toString();
        Result r = run("info", nifti);
        assertEquals(0, r.code(), r.err());
        assertContains(r.out(), "NIfTI-1, little-endian", "40 x 48 x 40 x 96", "float32 (code 16", "from the sform",
                "orientation:  RAS", "4.5 x 4.5 x 4.5 mm", "scaling:      none",
                "96, of which 6 b=0 (b <= 50", "3 (+/-100 s/mm^2): b=1000 (30), b=2000 (30), b=3000 (30)");
        assertContains(r.out(), "    4.500000     0.000000     0.000000   -90.000000");
    }

    @Test
    void obliqueInt16WithNanB0RowAndStats() {
        String nifti = SharedData.require("data/dipy/small_64D.nii").toString();
        Result r = run("info", "--stats", nifti);
        assertEquals(0, r.code(), r.err());
        assertContains(r.out(), "int16", "orientation:  PLS", "65, of which 1 b=0", "shells:     1", "NaN/Inf 0");
    }

    @Test
    void imageWithoutSidecars() {
        String nifti = SharedData.require("data/phantom/mask.nii.gz").toString();
        Result r = run("info", nifti);
        assertEquals(0, r.code(), r.err());
        assertContains(r.out(), "uint8", "gradients:    none");
    }

    @Test
    void badFileGivesOneLineErrorAndExitCode1() throws IOException {
        Path bad = dir.resolve("bad.nii.gz");
        Files.write(bad, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Result r = run("info", bad.toString());
        assertEquals(1, r.code());
        assertContains(r.err(), "error: " + bad);
        Result missing = run("info", dir.resolve("absent.nii").toString());
        assertEquals(1, missing.code());
        assertContains(missing.err(), "absent.nii: no such file");
    }

    @Test
    void sidecarsThatDoNotMatchTheImage() throws IOException {
        Path src = SharedData.require("data/dipy/small_25.nii.gz");
        Path copy = dir.resolve("s.nii.gz");
        Files.copy(src, copy);
        Files.writeString(dir.resolve("s.bval"), "0 1000\n");
        Files.writeString(dir.resolve("s.bvec"), "0 1\n0 0\n0 0\n");
        Result r = run("info", copy.toString());
        assertEquals(1, r.code());
        assertContains(r.err(), "s.bval", "lists 2 gradients", "has 26 volumes");
    }
}
