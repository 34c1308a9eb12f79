package org.dwimotion.report;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.dwimotion.image.Image3D;

/**
 * Renders a few axial slices of a volume side by side as an 8-bit grey PNG, for the QC report.
 *
 * <p>Slices are planes of constant k (the third voxel axis), evenly spaced over the central half of the
 * grid; within a slice i runs to the right and j upwards (row 0 of the picture is the largest j), each voxel
 * drawn as a square of {@code zoom × zoom} pixels. Intensities map linearly from 0 to a given {@code white}
 * level (values above are white), so panels that share a level compare directly.
 */
public final class MosaicRenderer {
    private final int slices;
    private final int zoom;

    /**
     * @param slices number of axial slices per mosaic, ≥ 1
     * @param zoom   pixels per voxel edge, ≥ 1
     */
    public MosaicRenderer(int slices, int zoom) {
        if (slices < 1 || zoom < 1) {
            throw new IllegalArgumentException("slices and zoom must be >= 1");
        }
        this.slices = slices;
        this.zoom = zoom;
    }

    /** A zoom that makes each slice about {@code targetPixels} wide (at least 1). */
    public static int zoomFor(int nx, int targetPixels) {
        return Math.max(1, Math.round((float) targetPixels / nx));
    }

    /**
     * The intensity shown as white: the {@code percentile} (0..100) of the positive finite values
     * (1 when there are none).
     *
     * @param image not modified
     */
    public static float whiteLevel(Image3D image, double percentile) {
        float[] d = image.data();
        float[] pos = new float[d.length];
        int m = 0;
        for (float v : d) {
            if (v > 0 && Float.isFinite(v)) {
                pos[m++] = v;
            }
        }
        if (m == 0) {
            return 1f;
        }
        Arrays.sort(pos, 0, m);
        int at = (int) Math.min(m - 1, Math.max(0, Math.round(percentile / 100.0 * (m - 1))));
        return pos[at] > 0 ? pos[at] : 1f;
    }

    /** The mosaic picture. */
    public BufferedImage render(Image3D image, float white) {
        int nx = image.geometry().nx(), ny = image.geometry().ny(), nz = image.geometry().nz();
        int gap = zoom;
        int w = slices * nx * zoom + (slices - 1) * gap;
        int h = ny * zoom;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = out.getRaster();
        float[] d = image.data();
        float scale = 255f / (white > 0 ? white : 1f);
        int[] row = new int[nx * zoom];
        for (int s = 0; s < slices; s++) {
            int k = sliceIndex(s, nz);
            int x0 = s * (nx * zoom + gap);
            for (int j = 0; j < ny; j++) {
                int base = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    float v = d[base + i];
                    int g = Float.isFinite(v) ? Math.max(0, Math.min(255, Math.round(v * scale))) : 0;
                    Arrays.fill(row, i * zoom, (i + 1) * zoom, g);
                }
                int y0 = (ny - 1 - j) * zoom;
                for (int dy = 0; dy < zoom; dy++) {
                    r.setPixels(x0, y0 + dy, nx * zoom, 1, row);
                }
            }
        }
        return out;
    }

    /** The k of slice s: evenly spaced over the central half of the grid. */
    int sliceIndex(int s, int nz) {
        if (slices == 1) {
            return nz / 2;
        }
        double lo = 0.25 * (nz - 1), hi = 0.75 * (nz - 1);
        return (int) Math.round(lo + (hi - lo) * s / (slices - 1));
    }

    /** A PNG encoded by {@link ImageIO}, as base64 for a {@code data:image/png;base64,} URI. */
    public static String pngBase64(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
