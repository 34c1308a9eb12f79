package org.dwimotion.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiImage;
import org.dwimotion.io.nifti.NiftiReadOptions;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.io.nifti.NiftiWriteOptions;
import org.dwimotion.io.nifti.NiftiWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Local paths and {@code file:} URIs (Hadoop's LocalFileSystem) behave the same. */
class StorageTest {
    @TempDir
    Path dir;

    private String location(boolean hadoop, String name) {
        Path p = dir.resolve(name);
        return hadoop ? p.toUri().toString() : p.toString();
    }

    @Test
    void schemeDetection() {
        assertTrue(Locations.hasScheme("file:/tmp/x.nii"));
        assertTrue(Locations.hasScheme("hdfs://nn:8020/a/b.nii.gz"));
        assertTrue(Locations.hasScheme("s3a://bucket/key.nii.gz"));
        assertFalse(Locations.hasScheme("/tmp/x.nii"));
        assertFalse(Locations.hasScheme("relative/x.nii"));
        assertEquals("s3a://b/k/dwi.bval", Locations.sibling("s3a://b/k/dwi.nii.gz", "dwi.bval"));
        assertEquals("x.bval", Locations.sibling("x.nii", "x.bval"));
        assertEquals("/a/dwi", Locations.stripNiftiExtension("/a/dwi.NII.GZ"));
    }

    @ParameterizedTest(name = "hadoop={0}")
    @ValueSource(booleans = {false, true})
    void basicOperations(boolean hadoop) throws IOException {
        Storage s = Locations.storage(new Configuration());
        String loc = location(hadoop, "a.txt");
        assertFalse(s.exists(loc));
        s.writeAtomically(loc, out -> out.write("hello".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(s.exists(loc));
        assertEquals(5, s.length(loc));
        try (InputStream in = s.openRead(loc)) {
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
        }
        s.writeAtomically(loc, out -> out.write("bye".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(3, s.length(loc), "replaces an existing file");
        s.delete(loc);
        assertFalse(s.exists(loc));
        s.delete(loc);
    }

    @ParameterizedTest(name = "hadoop={0}")
    @ValueSource(booleans = {false, true})
    void failedWriteLeavesNothing(boolean hadoop) throws IOException {
        Storage s = Locations.storage();
        String loc = location(hadoop, "b.txt");
        IOException e = assertThrows(IOException.class, () -> s.writeAtomically(loc, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> !p.getFileName().toString().endsWith(".crc")).count());
        }
    }

    @Test
    void niftiAndGradientsThroughHadoop() throws IOException {
        ImageGeometry g = ImageGeometry.ofSpacing(3, 2, 2, 2, 2, 2);
        float[] data = new float[24];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 1.5f;
        }
        Storage hadoop = Locations.storage(new Configuration());
        String nifti = location(true, "h.nii.gz");
        NiftiWriter.write(nifti, g, 2, data, NiftiDataType.FLOAT32, NiftiWriteOptions.defaults().withStorage(hadoop));
        NiftiImage back = NiftiReader.read(nifti, NiftiReadOptions.defaults().withStorage(hadoop));
        assertArrayEquals(data, back.data());
        assertArrayEquals(data, NiftiReader.read(dir.resolve("h.nii.gz").toString()).data(), "same file locally");

        GradientTable t = GradientTable.of(new double[] {0, 1000}, new double[] {0, 0, 0, 1, 0, 0});
        t.writeFsl(location(true, "h.bval"), location(true, "h.bvec"), hadoop);
        assertEquals(t, GradientTable.fromSidecars(nifti));
    }
}
