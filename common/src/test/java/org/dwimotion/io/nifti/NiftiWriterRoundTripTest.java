package org.dwimotion.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NiftiWriterRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (int version : new int[] {1, 2}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                for (String ext : new String[] {".nii", ".nii.gz"}) {
                    for (NiftiDataType type : new NiftiDataType[] {NiftiDataType.FLOAT32, NiftiDataType.INT16}) {
                        out.add(Arguments.of(version, order, ext, type));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "NIfTI-{0} {1} {2} {3}")
    @MethodSource("variants")
    void writesAndReadsBack(int version, ByteOrder order, String ext, NiftiDataType type) throws IOException {
        ImageGeometry g = NiftiTestFiles.oblique();
        int nt = 3;
        float[] data = NiftiTestFiles.data(g, nt);
        String location = dir.resolve("img" + ext).toString();
        NiftiWriteOptions options = NiftiWriteOptions.defaults().withVersion(version).withByteOrder(order);
        NiftiWriter.write(location, g, nt, data, type, options);

        NiftiImage back = NiftiReader.read(location);
        NiftiHeader h = back.header();
        assertEquals(version, h.niftiVersion());
        assertEquals(order, h.byteOrder());
        assertEquals(type, h.dataType());
        assertEquals(nt, back.nt());
        assertEquals(1, h.sformCode());
        assertEquals(1, h.qformCode());
        // the sform holds the affine to header precision (float32 in NIfTI-1)
        assertArrayEquals(g.voxelToWorld(), h.geometry().voxelToWorld(), version == 1 ? 1e-5 : 1e-12);
        if (type == NiftiDataType.FLOAT32) {
            assertArrayEquals(data, back.data());
        } else {
            double tolerance = h.effectiveSlope() / 2 + 1e-3;
            for (int i = 0; i < data.length; i++) {
                assertEquals(data[i], back.data()[i], tolerance, "voxel " + i);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void qformIsConsistentWithTheSformForARigidAffine() throws IOException {
        double c = Math.cos(0.4), s = Math.sin(0.4);
        // rotation about z and a mirror on i (det < 0), voxel sizes 2, 2.5, 3
        ImageGeometry g = new ImageGeometry(4, 3, 2, new double[] {
                -2 * c, -2.5 * s, 0, 10,
                -2 * s, 2.5 * c, 0, -20,
                0, 0, 3, 30,
                0, 0, 0, 1});
        String location = dir.resolve("rigid.nii").toString();
        NiftiWriter.write(location, new Image3D(g, new float[g.numVoxels()]));
        NiftiHeader h = NiftiReader.readHeader(location);
        double[] q = QformOps.toAffine(h.quatern()[0], h.quatern()[1], h.quatern()[2], h.qoffset()[0], h.qoffset()[1],
                h.qoffset()[2], h.pixdim()[1], h.pixdim()[2], h.pixdim()[3], h.pixdim()[0]);
        assertArrayEquals(g.voxelToWorld(), q, 1e-5);
        assertEquals(-1.0, h.qfac());
    }

    @Test
    void integerDataIsStoredExactlyAsInt16() throws IOException {
        ImageGeometry g = ImageGeometry.ofSpacing(3, 3, 3, 1, 1, 1);
        float[] data = new float[27];
        for (int i = 0; i < 27; i++) {
            data[i] = i * 1000 - 13000;
        }
        String location = dir.resolve("int.nii.gz").toString();
        NiftiWriter.write(location, g, 1, data, NiftiDataType.INT16);
        NiftiImage back = NiftiReader.read(location);
        assertFalse(back.header().hasScaling() && back.header().sclSlope() != 1.0);
        assertArrayEquals(data, back.data());
    }

    @Test
    void zeroStaysExactlyZeroWithInt16Scaling() throws IOException {
        ImageGeometry g = ImageGeometry.ofSpacing(2, 2, 1, 1, 1, 1);
        float[] data = {0f, 0.001f, 1234.567f, 99999.5f};
        String location = dir.resolve("scaled.nii").toString();
        NiftiWriter.write(location, g, 1, data, NiftiDataType.INT16);
        NiftiImage back = NiftiReader.read(location);
        assertEquals(0f, back.data()[0]);
        assertEquals(99999.5f, back.data()[3], 99999.5 / 32767);
        assertTrue(back.header().hasScaling());
    }

    @Test
    void failedWriteLeavesNoFileAndKeepsThePreviousOne() throws IOException {
        ImageGeometry g = ImageGeometry.ofSpacing(2, 2, 1, 1, 1, 1);
        Path target = dir.resolve("out.nii.gz");
        NiftiWriter.write(target.toString(), g, 1, new float[] {1, 2, 3, 4}, NiftiDataType.INT16);
        byte[] before = Files.readAllBytes(target);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                NiftiWriter.write(target.toString(), g, 1, new float[] {1, Float.NaN, 3, 4}, NiftiDataType.INT16));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void streamingWriterCommitsOnlyWhenComplete() throws IOException {
        ImageGeometry g = ImageGeometry.ofSpacing(2, 2, 1, 1, 1, 1);
        Path target = dir.resolve("partial.nii");
        try (NiftiVolumeWriter w = NiftiVolumeWriter.open(target.toString(), g, 3, NiftiDataType.FLOAT32,
                Int16Scaling.IDENTITY, NiftiWriteOptions.defaults())) {
            w.write(new float[] {1, 2, 3, 4}, 0);
            assertThrows(IllegalStateException.class, w::commit);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "neither target nor temporary remain");
        }
    }

    @Test
    void multiBlockGzipSeriesRoundTripsAndAnAbandonedOneLeavesNothing() throws IOException {
        // 64x64x40 float32 = 640 KiB per volume: 5 volumes span several 1 MiB compression blocks
        ImageGeometry g = ImageGeometry.ofSpacing(64, 64, 40, 2, 2, 2);
        int nVox = 64 * 64 * 40;
        float[] data = new float[5 * nVox];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (100 * Math.sin(i * 0.001)) + (i % 7);
        }
        Path target = dir.resolve("series.nii.gz");
        NiftiWriter.write(target.toString(), g, 5, data, NiftiDataType.FLOAT32);
        NiftiImage back = NiftiReader.read(target.toString());
        assertArrayEquals(data, back.data());

        Path partial = dir.resolve("partial.nii.gz");
        try (NiftiVolumeWriter w = NiftiVolumeWriter.open(partial.toString(), g, 5, NiftiDataType.FLOAT32,
                Int16Scaling.IDENTITY, NiftiWriteOptions.defaults())) {
            for (int v = 0; v < 4; v++) {
                w.write(data, v * nVox);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the committed series remains");
        }
    }

    @Test
    void unwritableLocationNamesTheFile() {
        String location = dir.resolve("no/such/dir/x.nii").toString();
        IOException e = assertThrows(IOException.class, () -> NiftiWriter.write(location,
                new Image3D(ImageGeometry.ofSpacing(1, 1, 1, 1, 1, 1), new float[1])));
        assertTrue(e.getMessage().contains(location), e.getMessage());
    }

    @Test
    void badExtensionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NiftiWriter.write(dir.resolve("x.img").toString(),
                new Image3D(ImageGeometry.ofSpacing(1, 1, 1, 1, 1, 1), new float[1])));
    }
}
