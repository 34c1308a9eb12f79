package org.dwimotion.io.nifti;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.dwimotion.image.ImageGeometry;

/** Small images for tests: an oblique geometry, deterministic data, and header patching. */
final class NiftiTestFiles {
    private NiftiTestFiles() {
    }

    /** An oblique, anisotropic, mirrored (det &lt; 0) grid of 5×4×3. */
    static ImageGeometry oblique() {
        double c = Math.cos(0.2), s = Math.sin(0.2);
        return new ImageGeometry(5, 4, 3, new double[] {
                -2.0 * c, -2.5 * s, 0, 12.5,
                2.0 * s * 0.98, -2.5 * c, 0.3, -8,
                0.1, 0.2, 3.0, 4.25,
                0, 0, 0, 1});
    }

    /** nVox·nt values with fractional parts and negatives. */
    static float[] data(ImageGeometry g, int nt) {
        float[] d = new float[g.numVoxels() * nt];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (Math.sin(i * 0.37) * 700 + i * 0.25);
        }
        return d;
    }

    /** Writes a float32 little-endian NIfTI-1 .nii and returns its path. */
    static Path writeNii(Path dir, String name, int nt) throws IOException {
        Path p = dir.resolve(name);
        ImageGeometry g = oblique();
        NiftiWriter.write(p.toString(), g, nt, data(g, nt), NiftiDataType.FLOAT32);
        return p;
    }

    /** Applies {@code patch} to the bytes of a little-endian uncompressed file. */
    static void patch(Path file, Consumer<ByteBuffer> patch) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        patch.accept(bb);
        Files.write(file, bb.array());
    }
}
