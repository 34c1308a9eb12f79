package org.dwimotion.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dwimotion.Conventions;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.gradients.Shell;
import org.dwimotion.image.AxisCodes;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiHeader;
import org.dwimotion.io.nifti.NiftiReadOptions;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.io.nifti.NiftiVolumeStream;
import org.dwimotion.io.nifti.NonFinitePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dwimotion info FILE}: what dwimotion reads from a NIfTI file (header, affine and its source,
 * orientation) and from its gradient sidecars when present. Needs no Spark. Exit code 1 with a one-line
 * error for an unreadable file or inconsistent sidecars.
 */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        description = "Print the header, affine, orientation and gradient summary of a NIfTI file.")
public final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "NIfTI file (.nii or .nii.gz): local path or "
            + "file:, hdfs://, s3a:// location")
    String location;

    @Option(names = "--bval", paramLabel = "FILE", description = "b-value file (default: sidecar FILE.bval)")
    String bval;

    @Option(names = "--bvec", paramLabel = "FILE", description = "b-vector file (default: sidecar FILE.bvec)")
    String bvec;

    @Mixin
    B0ThresholdOption b0Option;

    @Option(names = "--stats", description = "also read the voxel data: min, max, mean, NaN/Inf count")
    boolean stats;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Storage storage = Locations.storage();
        try {
            NiftiHeader h = NiftiReader.readHeader(location, NiftiReadOptions.defaults().withStorage(storage));
            printHeader(out, h);
            if (stats) {
                printStats(out, storage);
            }
            printGradients(out, h, storage);
            out.flush();
            return 0;
        } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private void printHeader(PrintWriter out, NiftiHeader h) {
        out.printf(Locale.ROOT, "file:         %s%n", location);
        out.printf(Locale.ROOT, "format:       NIfTI-%d, %s, header %d bytes, data at byte %d%n", h.niftiVersion(),
                h.byteOrder().toString().toLowerCase(Locale.ROOT).replace('_', '-'), h.headerSize(), h.voxOffset());
        out.printf(Locale.ROOT, "dimensions:   %d x %d x %d x %d (dim[0] = %d)%n", h.nx(), h.ny(), h.nz(), h.nt(),
                h.dim()[0]);
        out.printf(Locale.ROOT, "datatype:     %s (code %d, bitpix %d)%n", NiftiDataType.describe(h.datatype()),
                h.datatype(), h.bitpix());
        double[] p = h.pixdim();
        out.printf(Locale.ROOT, "pixdim:       %s x %s x %s %s, pixdim[4] = %s, qfac = %s%n", num(p[1]), num(p[2]),
                num(p[3]), spaceUnit(h.xyztUnits()), num(p[4]), num(h.qfac()));
        boolean identity = h.effectiveSlope() == 1 && h.effectiveInter() == 0;
        out.printf(Locale.ROOT, "scaling:      %s%n", identity
                ? "none (scl_slope = " + num(h.sclSlope()) + ", scl_inter = " + num(h.sclInter()) + ")"
                : "value * " + num(h.effectiveSlope()) + " + " + num(h.effectiveInter()));
        out.printf(Locale.ROOT, "xform codes:  qform_code = %d, sform_code = %d%n", h.qformCode(), h.sformCode());
        double[] a = h.geometry().voxelToWorld();
        out.printf(Locale.ROOT, "affine:       voxel -> world RAS mm, from the %s%n",
                h.affineSource().name().toLowerCase(Locale.ROOT));
        for (int r = 0; r < 4; r++) {
            out.printf(Locale.ROOT, "    %12.6f %12.6f %12.6f %12.6f%n", a[4 * r], a[4 * r + 1], a[4 * r + 2], a[4 * r + 3]);
        }
        double[] spacing = h.geometry().spacing();
        out.printf(Locale.ROOT, "orientation:  %s (voxel size from affine %s x %s x %s mm)%n",
                AxisCodes.of(a), num(spacing[0]), num(spacing[1]), num(spacing[2]));
        if (!h.description().isEmpty()) {
            out.printf(Locale.ROOT, "description:  %s%n", h.description());
        }
    }

    private void printStats(PrintWriter out, Storage storage) throws IOException {
        NiftiReadOptions options = NiftiReadOptions.defaults().withStorage(storage).withNonFinite(NonFinitePolicy.KEEP);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        long finite = 0;
        try (NiftiVolumeStream s = NiftiReader.openVolumes(location, options)) {
            float[] vol = new float[s.header().voxelsPerVolume()];
            while (s.hasNext()) {
                s.read(vol, 0);
                for (float v : vol) {
                    if (Float.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                        sum += v;
                        finite++;
                    }
                }
            }
            out.printf(Locale.ROOT, "values:       min %s, max %s, mean %s, NaN/Inf %d%n", num(min), num(max),
                    num(finite > 0 ? sum / finite : Double.NaN), s.nonFiniteCount());
        }
    }

    private void printGradients(PrintWriter out, NiftiHeader h, Storage storage) throws IOException {
        String bvalLoc = bval;
        String bvecLoc = bvec;
        if (bvalLoc == null || bvecLoc == null) {
            String[] found = GradientTable.findSidecars(location, storage);
            if (found == null) {
                if (bvalLoc != null || bvecLoc != null) {
                    throw new IllegalArgumentException("give both --bval and --bvec, or neither");
                }
                out.printf(Locale.ROOT, "gradients:    none (no %s.bval/.bvec next to the file)%n",
                        Locations.fileName(Locations.stripNiftiExtension(location)));
                return;
            }
            bvalLoc = bvalLoc == null ? found[0] : bvalLoc;
            bvecLoc = bvecLoc == null ? found[1] : bvecLoc;
        }
        GradientTable g = GradientTable.read(bvalLoc, bvecLoc, storage, b0Option.value());
        g.requireVolumes(h.nt(), location);
        out.printf(Locale.ROOT, "gradients:    %s%n", g.source());
        out.printf(Locale.ROOT, "  volumes:    %d, of which %d b=0 (b <= %s s/mm^2)%n", g.size(), g.b0Indices().length,
                num(b0Option.value()));
        List<Shell> shells = g.shells();
        StringBuilder s = new StringBuilder();
        for (Shell shell : shells) {
            if (shell.b0()) {
                continue;
            }
            s.append(s.length() == 0 ? "" : ", ").append("b=").append(Math.round(shell.bValue()))
                    .append(" (").append(shell.count()).append(')');
        }
        long dwShells = shells.stream().filter(x -> !x.b0()).count();
        out.printf(Locale.ROOT, "  shells:     %d (+/-%s s/mm^2): %s%n", dwShells,
                num(Conventions.DEFAULT_SHELL_TOLERANCE), s);
    }

    private static String spaceUnit(int xyztUnits) {
        return switch (xyztUnits & 7) {
            case 1 -> "m";
            case 2 -> "mm";
            case 3 -> "um";
            default -> "(units unknown)";
        };
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        // six significant digits without trailing zeros
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
