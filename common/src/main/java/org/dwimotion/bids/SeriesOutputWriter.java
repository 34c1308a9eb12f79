package org.dwimotion.bids;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Image3D;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;
import org.dwimotion.io.itk.ItkTransformFile;
import org.dwimotion.io.nifti.Int16Scaling;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiVolumeWriter;
import org.dwimotion.io.nifti.NiftiWriter;
import org.dwimotion.motion.MotionTable;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.report.MosaicRenderer;
import org.dwimotion.report.QcReport;

/**
 * Writes every output of one processed series as a BIDS derivative under an output root.
 *
 * <p>Files (see {@link SeriesFiles}; {@code <p>} = the input's entities, e.g. {@code sub-01_ses-1}):
 * {@code <p>_desc-preproc_dwi.nii.gz/.json/.bval/.bvec}, {@code <p>_desc-brain_mask.nii.gz},
 * {@code <p>_dwiref.nii.gz}, {@code <p>_desc-hmc_motion.tsv/.json}, {@code <p>_desc-hmc_affines.tsv},
 * {@code <p>_desc-hmc_xfm/<p>_vol-NNNN_xfm.txt}, {@code <p>_desc-hmc_report.html}, and last
 * {@code <p>_desc-hmc_dwi.json}; plus {@code dataset_description.json} at the root.
 *
 * <p>Every file is written through a temporary name and renamed when complete, so no file is ever seen half
 * written. The run sidecar {@code _desc-hmc_dwi.json} is removed first and written last: a series folder is
 * complete exactly when it exists (a failed or interrupted run leaves none). Only one volume (plus the few
 * report volumes) is held in memory at a time. Not thread-safe per series; different series may be written
 * concurrently (they share only {@code dataset_description.json}, whose content is the same for one run).
 */
public final class SeriesOutputWriter {
    private final OutputOptions options;

    public SeriesOutputWriter(OutputOptions options) {
        this.options = options;
    }

    /** Writes with {@link OutputOptions#defaults()}. */
    public static WrittenSeries write(SeriesResult result, String outputDir) throws IOException {
        return new SeriesOutputWriter(OutputOptions.defaults()).writeSeries(result, outputDir);
    }

    /**
     * Writes all outputs of {@code result} under {@code outputDir} (a local path or a Hadoop URI).
     *
     * @return the locations written
     * @throws IOException naming the file that could not be written; files already committed stay, the run
     *                     sidecar is absent
     */
    public WrittenSeries writeSeries(SeriesResult r, String outputDir) throws IOException {
        Storage storage = options.storage();
        String root = outputDir.endsWith("/") ? outputDir.substring(0, outputDir.length() - 1) : outputDir;
        BidsName name = BidsName.fromInput(r.inputLocation());
        SeriesFiles f = SeriesFiles.of(name, r.size(), options.bidsLayout());
        List<String> written = new ArrayList<>();
        makeLocalFolders(root + "/" + f.xfmFolder());
        String sidecar = root + "/" + f.hmcJson();
        storage.delete(sidecar);

        double[] centre = r.geometry().fieldOfViewCentre();
        MotionTable table = MotionTable.compute(r.transforms(), r.geometry(), r.mask(), r.gradients(),
                r.diagnostics(), r.run().transformType() == TransformType.AFFINE, r.run().phaseEncoding(),
                options.fdThresholdMm());

        boolean int16 = false;
        if (options.writeSeries()) {
            int16 = writePreproc(r, root + "/" + f.preprocDwi());
            written.add(root + "/" + f.preprocDwi());
        }
        text(root + "/" + f.preprocJson(), DerivativeSidecars.preprocSidecar(r.inputLocation(), int16), written);
        GradientTable rotated = r.rotated();
        rotated.writeFsl(root + "/" + f.preprocBval(), root + "/" + f.preprocBvec(), storage);
        written.add(root + "/" + f.preprocBval());
        written.add(root + "/" + f.preprocBvec());

        float[] mask = r.mask().data().clone();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = mask[i] != 0 ? 1f : 0f;
        }
        NiftiWriter.write(root + "/" + f.brainMask(), r.geometry(), 1, mask, NiftiDataType.INT16, options.nifti());
        written.add(root + "/" + f.brainMask());
        NiftiWriter.write(root + "/" + f.dwiref(), r.geometry(), 1, r.reference().data(), NiftiDataType.FLOAT32,
                options.nifti());
        written.add(root + "/" + f.dwiref());

        text(root + "/" + f.motionTsv(), table.tsv(), written);
        text(root + "/" + f.motionJson(), DerivativeSidecars.motionColumns(table), written);
        text(root + "/" + f.affinesTsv(), TransformTable.tsv(r.transforms()), written);
        for (int v = 0; v < r.size(); v++) {
            ItkTransformFile.write(storage, root + "/" + f.xfm(v), r.transform(v), centre);
        }
        written.add(root + "/" + f.xfmFolder() + "/");

        text(root + "/" + f.report(), report(r, table), written);
        text(root + "/dataset_description.json", DerivativeSidecars.datasetDescription(r.run()), written);
        text(sidecar, DerivativeSidecars.hmcSidecar(r, table, centre, relativeNames(f)), written);
        return new WrittenSeries(root + (f.folder().isEmpty() ? "" : "/" + f.folder()), List.copyOf(written), table);
    }

    /**
     * Creates the series folders of a local output (Hadoop file systems create parents on write; java.nio does
     * not).
     */
    private static void makeLocalFolders(String folder) throws IOException {
        if (Locations.hasScheme(folder)) {
            return;
        }
        try {
            Files.createDirectories(Path.of(folder));
        } catch (IOException e) {
            throw new IOException("cannot create output folder " + folder + ": " + e, e);
        }
    }

    /** The list of files in the sidecar, relative to the series folder. */
    private static Map<String, String> relativeNames(SeriesFiles f) {
        Map<String, String> m = new LinkedHashMap<>();
        int cut = f.folder().isEmpty() ? 0 : f.folder().length() + 1;
        m.put("preproc_dwi", f.preprocDwi().substring(cut));
        m.put("bval", f.preprocBval().substring(cut));
        m.put("bvec", f.preprocBvec().substring(cut));
        m.put("brain_mask", f.brainMask().substring(cut));
        m.put("dwiref", f.dwiref().substring(cut));
        m.put("motion", f.motionTsv().substring(cut));
        m.put("affines", f.affinesTsv().substring(cut));
        m.put("itk_transforms", f.xfmFolder().substring(cut) + "/");
        m.put("report", f.report().substring(cut));
        return m;
    }

    /**
     * Streams the corrected series; int16 only when the input was int16 and every corrected value is an integer
     * within int16 range (checked in a first pass that stops at the first non-integer value).
     *
     * @return whether int16 was written
     */
    private boolean writePreproc(SeriesResult r, String location) throws IOException {
        int n = r.size();
        boolean int16 = r.inputType() == NiftiDataType.INT16 && integralInt16(r);
        NiftiDataType type = int16 ? NiftiDataType.INT16 : NiftiDataType.FLOAT32;
        try (NiftiVolumeWriter w = NiftiVolumeWriter.open(location, r.geometry(), n, type, Int16Scaling.IDENTITY,
                options.nifti())) {
            for (int v = 0; v < n; v++) {
                Image3D c = corrected(r, v);
                w.write(c.data(), 0);
            }
            w.commit();
        }
        return int16;
    }

    private static boolean integralInt16(SeriesResult r) throws IOException {
        for (int v = 0; v < r.size(); v++) {
            for (float x : corrected(r, v).data()) {
                if (x != Math.rint(x) || x < Short.MIN_VALUE || x > Short.MAX_VALUE) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Image3D corrected(SeriesResult r, int v) throws IOException {
        Image3D c = r.volumes().corrected(v);
        if (c == null || !c.geometry().sameGrid(r.geometry(), 1e-6)) {
            throw new IllegalArgumentException(r.inputLocation() + ": corrected volume " + v
                    + (c == null ? " is missing" : " is not on the reference grid"));
        }
        return c;
    }

    private String report(SeriesResult r, MotionTable table) throws IOException {
        List<QcReport.VolumeMosaics> mosaics = new ArrayList<>();
        int zoom = MosaicRenderer.zoomFor(r.geometry().nx(), 120);
        MosaicRenderer renderer = new MosaicRenderer(options.mosaicSlices(), zoom);
        for (QcReport.Choice c : QcReport.chooseVolumes(table, options.worstVolumes(), options.typicalVolumes())) {
            Image3D observed = r.volumes().observed(c.volume());
            Image3D predicted = r.volumes().predicted(c.volume());
            Image3D corrected = corrected(r, c.volume());
            // one grey scale for the three panels: the brightest of their 99.5th percentiles
            float white = Math.max(MosaicRenderer.whiteLevel(observed, 99.5), MosaicRenderer.whiteLevel(corrected, 99.5));
            if (predicted != null) {
                white = Math.max(white, MosaicRenderer.whiteLevel(predicted, 99.5));
            }
            mosaics.add(new QcReport.VolumeMosaics(c,
                    MosaicRenderer.pngBase64(renderer.render(observed, white)),
                    predicted == null ? null : MosaicRenderer.pngBase64(renderer.render(predicted, white)),
                    MosaicRenderer.pngBase64(renderer.render(corrected, white))));
        }
        return QcReport.html(Locations.fileName(r.inputLocation()), table, r.run(), mosaics);
    }

    private void text(String location, String content, List<String> written) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        options.storage().writeAtomically(location, out -> out.write(bytes));
        written.add(location);
    }

    /**
     * What was written.
     *
     * @param seriesFolder the folder holding the series' files
     * @param files        every location written, the run sidecar last (the transform folder ends with /)
     * @param motion       the motion table (for summaries in logs)
     */
    public record WrittenSeries(String seriesFolder, List<String> files, MotionTable motion) {
    }
}
