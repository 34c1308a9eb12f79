package org.dwimotion.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dwimotion.image.ImageGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad file gives a NiftiFormatException that names the file and the problem. */
class NiftiBadInputTest {
    @TempDir
    Path dir;

    private static void assertProblem(Path file, String problem, Executable read) {
        NiftiFormatException e = assertThrows(NiftiFormatException.class, read);
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in: " + e.getMessage());
    }

    private static void assertHeaderProblem(Path file, String problem) {
        assertProblem(file, problem, () -> NiftiReader.read(file.toString()));
    }

    @Test
    void truncatedData() throws IOException {
        Path p = NiftiTestFiles.writeNii(dir, "t.nii", 2);
        byte[] b = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(b, b.length - 10));
        assertHeaderProblem(p, "truncated");
    }

    @Test
    void truncatedGzip() throws IOException {
        Path p = dir.resolve("t.nii.gz");
        ImageGeometry g = NiftiTestFiles.oblique();
        NiftiWriter.write(p.toString(), g, 4, NiftiTestFiles.data(g, 4), NiftiDataType.FLOAT32);
        byte[] b = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(b, b.length / 2));
        assertHeaderProblem(p, "truncated");
    }

    @Test
    void truncatedHeaderAndEmptyFile() throws IOException {
        Path p = NiftiTestFiles.writeNii(dir, "h.nii", 1);
        Files.write(p, Arrays.copyOf(Files.readAllBytes(p), 100));
        assertHeaderProblem(p, "truncated header: 100 of 348 bytes");
        Files.write(p, new byte[0]);
        assertHeaderProblem(p, "empty file");
    }

    @Test
    void corruptGzip() throws IOException {
        Path p = dir.resolve("c.nii.gz");
        ImageGeometry g = NiftiTestFiles.oblique();
        NiftiWriter.write(p.toString(), g, 4, NiftiTestFiles.data(g, 4), NiftiDataType.FLOAT32);
        byte[] b = Files.readAllBytes(p);
        for (int i = 30; i < b.length - 20; i += 7) {
            b[i] ^= 0x5A;
        }
        Files.write(p, b);
        assertHeaderProblem(p, "corrupt gzip");
    }

    @Test
    void wrongMagicAndWrongSize() throws IOException {
        Path p = NiftiTestFiles.writeNii(dir, "m.nii", 1);
        NiftiTestFiles.patch(p, bb -> bb.put(344, (byte) 'x'));
        assertHeaderProblem(p, "bad NIfTI-1 magic 'x+1\\x00'");
        NiftiTestFiles.patch(p, bb -> bb.putInt(0, 1234));
        assertHeaderProblem(p, "not a NIfTI file: sizeof_hdr is 1234");
    }

    @Test
    void zeroAndNegativeDimensions() throws IOException {
        Path p = NiftiTestFiles.writeNii(dir, "d.nii", 1);
        NiftiTestFiles.patch(p, bb -> bb.putShort(42 + 2, (short) 0));
        assertHeaderProblem(p, "dimension 2 has extent 0");
        NiftiTestFiles.patch(p, bb -> bb.putShort(42 + 2, (short) -4));
        assertHeaderProblem(p, "dimension 2 has extent -4");
        NiftiTestFiles.patch(p, bb -> bb.putShort(40, (short) 9));
        assertHeaderProblem(p, "dim[0] = 9");
    }

    @Test
    void dimensionsLargerThanTheFile() throws IOException {
        Path p = NiftiTestFiles.writeNii(dir, "s.nii", 1);
        NiftiTestFiles.patch(p, bb -> {
            bb.putShort(40, (short) 4);
            bb.putShort(48, (short) 5);
        });
        assertHeaderProblem(p, "truncated: header needs");
    }

    @Test
    void terabyteClaimIsRefusedBeforeAllocating() throws IOException {
        Path p = NiftiTestFiles.writeNii(dir, "tb.nii", 1);
        NiftiTestFiles.patch(p, bb -> {
            bb.putShort(40, (short) 4);
            // 1000^3 voxels per volume (an int-indexable volume) times 30000 volumes: 120 TB of float32
            for (int i = 1; i <= 3; i++) {
                bb.putShort(40 + 2 * i, (short) 1000);
            }
            bb.putShort(48, (short) 30000);
        });
        assertProblem(p, "above the limit of " + NiftiReadOptions.DEFAULT_MAX_DATA_BYTES,
                () -> NiftiReader.readHeader(p.toString()));
        Path small = NiftiTestFiles.writeNii(dir, "small.nii", 2);
        assertProblem(small, "above the limit of 100 bytes", () -> NiftiReader.read(small.toString(),
                NiftiReadOptions.defaults().withMaxDataBytes(100)));
    }

    @Test
    void unsupportedDatatype() throws IOException {
        Path p = NiftiTestFiles.writeNii(dir, "cx.nii", 1);
        NiftiTestFiles.patch(p, bb -> bb.putShort(70, (short) 32));
        assertHeaderProblem(p, "unsupported datatype complex64");
    }

    @Test
    void badVoxOffset() throws IOException {
        Path p = NiftiTestFiles.writeNii(dir, "vo.nii", 1);
        NiftiTestFiles.patch(p, bb -> bb.putFloat(108, -1f));
        assertHeaderProblem(p, "vox_offset -1.0");
    }

    @Test
    void missingFileNamesIt() {
        String location = dir.resolve("absent.nii.gz").toString();
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> NiftiReader.read(location));
        assertTrue(e.getMessage().contains(location));
    }

    @Test
    void nonFiniteVoxelsFollowThePolicy() throws IOException {
        ImageGeometry g = ImageGeometry.ofSpacing(2, 2, 1, 1, 1, 1);
        Path p = dir.resolve("nan.nii");
        NiftiWriter.write(p.toString(), g, 2, new float[] {1, Float.NaN, 3, 4, Float.POSITIVE_INFINITY, 6, 7, 8},
                NiftiDataType.FLOAT32);
        String loc = p.toString();

        NiftiImage zeroed = NiftiReader.read(loc);
        assertEquals(NonFinitePolicy.ZERO, NiftiReadOptions.defaults().nonFinite(), "the documented default");
        assertEquals(2, zeroed.nonFiniteCount());
        assertArrayEquals(new float[] {1, 0, 3, 4, 0, 6, 7, 8}, zeroed.data());

        NiftiImage kept = NiftiReader.read(loc, NiftiReadOptions.defaults().withNonFinite(NonFinitePolicy.KEEP));
        assertEquals(2, kept.nonFiniteCount());
        assertTrue(Float.isNaN(kept.data()[1]));

        assertProblem(p, "NaN/Inf", () -> NiftiReader.read(loc,
                NiftiReadOptions.defaults().withNonFinite(NonFinitePolicy.REJECT)));
        assertProblem(p, "NaN/Inf", () -> NiftiReader.readAllAsDouble(loc,
                NiftiReadOptions.defaults().withNonFinite(NonFinitePolicy.REJECT)));
    }

    @Test
    void volumeIndexOutOfRange() throws IOException {
        Path p = NiftiTestFiles.writeNii(dir, "v.nii", 2);
        assertThrows(IndexOutOfBoundsException.class, () -> NiftiReader.readVolume(p.toString(), 2));
        assertThrows(IndexOutOfBoundsException.class, () -> NiftiReader.readVoxels(p.toString(), new int[] {60}));
    }
}
