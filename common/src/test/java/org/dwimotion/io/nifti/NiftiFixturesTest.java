package org.dwimotion.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.dwimotion.testing.ExpectedProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tiny fixtures written by nibabel ({@code scripts/dev/nifti_fixtures.py}): every datatype, both byte
 * orders, NIfTI-1 and -2, gzip, scaling, an extension, qform-only, no xform, 5-D. Values must match
 * nibabel's exactly (float64 reads) and to float32 rounding (float reads).
 */
class NiftiFixturesTest {
    private static final ExpectedProperties EXPECTED = ExpectedProperties.load("/nifti/fixtures.properties");

    static Stream<String> fixtures() {
        return EXPECTED.list("files");
    }

    static String fixture(String name) {
        try {
            return Path.of(NiftiFixturesTest.class.getResource("/nifti/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] doubles(String key) {
        return EXPECTED.doubles(key);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readsAsNibabelDoes(String name) throws IOException {
        String location = fixture(name);
        NiftiHeader h = NiftiReader.readHeader(location);
        int[] shape = EXPECTED.ints(name + ".shape");
        assertArrayEquals(shape, new int[] {h.nx(), h.ny(), h.nz(), h.nt()}, name);
        assertEquals(EXPECTED.integer(name + ".datatype"), h.datatype(), name);
        assertEquals(EXPECTED.integer(name + ".version"), h.niftiVersion(), name);
        assertEquals(Boolean.parseBoolean(EXPECTED.string(name + ".bigEndian"))
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, h.byteOrder(), name);
        assertEquals(Long.parseLong(EXPECTED.string(name + ".voxOffset")), h.voxOffset(), name);
        if (!name.equals("v1_no_xform.nii")) {
            // nibabel's affine for a header with no xform is Analyze-style (centred); see noXformUsesPixdim
            assertArrayEquals(doubles(name + ".affine"), h.geometry().voxelToWorld(), 1e-5, name);
        }
        double[] expected = doubles(name + ".values");
        double[] all = NiftiReader.readAllAsDouble(location);
        assertArrayEquals(expected, all, 0.0, name);
        float[] asFloat = NiftiReader.read(location).data();
        for (int i = 0; i < expected.length; i++) {
            assertEquals((float) expected[i], asFloat[i], name + " value " + i);
        }
    }

    @Test
    void scalingAndExtensionAndXformSources() throws IOException {
        NiftiHeader scaled = NiftiReader.readHeader(fixture("v1_int16_scaled.nii"));
        assertEquals(0.5, scaled.effectiveSlope());
        assertEquals(10.0, scaled.effectiveInter());
        assertEquals(432, NiftiReader.readHeader(fixture("v1_float32_ext.nii")).voxOffset());
        assertEquals(AffineSource.QFORM, NiftiReader.readHeader(fixture("v1_qform_only.nii")).affineSource());
        assertEquals(AffineSource.SFORM, NiftiReader.readHeader(fixture("v1_float32.nii")).affineSource());
        NiftiHeader unscaled = NiftiReader.readHeader(fixture("v1_float32.nii"));
        assertTrue(unscaled.effectiveSlope() == 1 && unscaled.effectiveInter() == 0);
    }

    @Test
    void noXformUsesPixdimWithOriginAtFirstVoxel() throws IOException {
        NiftiHeader h = NiftiReader.readHeader(fixture("v1_no_xform.nii"));
        assertEquals(AffineSource.PIXDIM, h.affineSource());
        assertArrayEquals(new double[] {1.5, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2.5, 0, 0, 0, 0, 1},
                h.geometry().voxelToWorld(), 0.0);
        assertEquals(1, h.nt());
    }

    @Test
    void fiveDimensionalWithSecondExtentIsRefused() {
        String location = fixture("v1_5d_dim5_2.nii");
        NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.readHeader(location));
        assertTrue(e.getMessage().startsWith(location), e.getMessage());
        assertTrue(e.getMessage().contains("dimension 5 has extent 2"), e.getMessage());
    }
}
