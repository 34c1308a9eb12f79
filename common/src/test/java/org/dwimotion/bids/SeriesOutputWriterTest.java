package org.dwimotion.bids;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dwimotion.gradients.BvecFrames;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.io.Locations;
import org.dwimotion.io.itk.ItkTransformFile;
import org.dwimotion.io.nifti.NiftiDataType;
import org.dwimotion.io.nifti.NiftiImage;
import org.dwimotion.io.nifti.NiftiReader;
import org.dwimotion.registration.method.TransformType;
import org.dwimotion.sim.MotionModel;
import org.dwimotion.sim.RigidMotion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesOutputWriterTest {
    private static final String INPUT = "/data/sub-01/ses-1/dwi/sub-01_ses-1_acq-test_dwi.nii.gz";

    @Test
    void writesEveryFileUnderBidsNames(@TempDir Path out) throws IOException {
        SeriesResult r = SyntheticSeries.result(INPUT, false, false, TransformType.RIGID);
        SeriesOutputWriter.WrittenSeries w = SeriesOutputWriter.write(r, out.toString());
        Path dir = out.resolve("sub-01/ses-1/dwi");
        assertEquals(dir.toString(), w.seriesFolder());
        String p = "sub-01_ses-1_acq-test_";
        for (String f : List.of("desc-preproc_dwi.nii.gz", "desc-preproc_dwi.json", "desc-preproc_dwi.bval",
                "desc-preproc_dwi.bvec", "desc-brain_mask.nii.gz", "dwiref.nii.gz", "desc-hmc_motion.tsv",
                "desc-hmc_motion.json", "desc-hmc_affines.tsv", "desc-hmc_report.html", "desc-hmc_dwi.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(p + f)), "missing " + p + f);
        }
        try (Stream<Path> xfm = Files.list(dir.resolve(p + "desc-hmc_xfm"))) {
            assertEquals(10, xfm.count());
        }
        assertTrue(Files.isRegularFile(dir.resolve(p + "desc-hmc_xfm/" + p + "vol-0009_xfm.txt")));
        assertTrue(w.files().get(w.files().size() - 1).endsWith("desc-hmc_dwi.json"), "run sidecar last");
        // no temporary left behind
        try (Stream<Path> all = Files.walk(out)) {
            assertTrue(all.noneMatch(f -> f.getFileName().toString().contains(".tmp-")));
        }
        String dd = Files.readString(out.resolve("dataset_description.json"));
        assertTrue(dd.contains("\"DatasetType\": \"derivative\""), dd);
        assertTrue(dd.contains("\"BIDSVersion\": \"1.9.0\""), dd);
        assertTrue(dd.contains("\"Name\": \"dwimotion\"") && dd.contains("\"Version\": \"0.1.0-test\""), dd);
        assertTrue(dd.contains("\"CommandLine\": \"dwimotion run --input " + INPUT + " --output out\""), dd);
        String side = Files.readString(dir.resolve(p + "desc-hmc_dwi.json"));
        assertTrue(side.contains("\"preproc_dwi\": \"" + p + "desc-preproc_dwi.nii.gz\""), side);
        assertTrue(side.contains("\"Model\": \"DKI\""), side);

        NiftiImage pre = NiftiReader.read(dir.resolve(p + "desc-preproc_dwi.nii.gz").toString());
        assertEquals(10, pre.nt());
        assertEquals(NiftiDataType.FLOAT32.code(), pre.header().dataType().code());
        assertTrue(pre.geometry().sameGrid(r.geometry(), 1e-5));
        NiftiImage mask = NiftiReader.read(dir.resolve(p + "desc-brain_mask.nii.gz").toString());
        assertArrayEquals(r.mask().data(), mask.data());
        NiftiImage ref = NiftiReader.read(dir.resolve(p + "dwiref.nii.gz").toString());
        assertArrayEquals(r.reference().data(), ref.data());
        // affines table reads back bit for bit
        double[] all = TransformTable.parse(Files.readString(dir.resolve(p + "desc-hmc_affines.tsv")), "affines");
        assertArrayEquals(r.transforms(), all, 0);
    }

    @Test
    void itkFilesReadBackAsTheRasAffinesAfterTheLpsFlip(@TempDir Path out) throws IOException {
        SeriesResult r = SyntheticSeries.result(INPUT, false, false, TransformType.RIGID);
        SeriesOutputWriter.write(r, out.toString());
        SeriesFiles f = SeriesFiles.of(BidsName.fromInput(INPUT), r.size(), true);
        for (int v = 0; v < r.size(); v++) {
            String loc = out.resolve(f.xfm(v)).toString();
            double[] ras = ItkTransformFile.read(Locations.storage(), loc);
            assertArrayEquals(r.transform(v), ras, 1e-12, "volume " + v);
            // the file's 3x3 is the RAS matrix with x and y flipped on both sides
            String[] params = Files.readAllLines(Path.of(loc)).get(3).substring("Parameters: ".length()).split(" ");
            double[] t = r.transform(v);
            double[] flip = {-1, -1, 1};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(flip[i] * flip[j] * t[4 * i + j], Double.parseDouble(params[3 * i + j]), 0);
                }
            }
        }
    }

    @Test
    void bvecsAreTheInputVectorsRotatedByEachVolumesRotation(@TempDir Path out) throws IOException {
        SeriesResult r = SyntheticSeries.result(INPUT, false, false, TransformType.RIGID);
        SeriesOutputWriter.WrittenSeries w = SeriesOutputWriter.write(r, out.toString());
        String base = w.seriesFolder() + "/sub-01_ses-1_acq-test_desc-preproc_dwi";
        GradientTable written = GradientTable.read(base + ".bval", base + ".bvec");
        ImageGeometry g = r.geometry();
        RigidMotion[] m = SyntheticSeries.motion(r.size(), false);
        double[] world = BvecFrames.fslToWorld(r.gradients().bvecs(), g.voxelToWorld());
        double[] expectedWorld = new double[world.length];
        for (int v = 0; v < r.size(); v++) {
            // independent of GradientTable.reoriented: the simulator's own R^T g
            double[] e = new double[3];
            MotionModel.gradientInHeadFrame(m[v], world[3 * v], world[3 * v + 1], world[3 * v + 2], e);
            System.arraycopy(e, 0, expectedWorld, 3 * v, 3);
        }
        double[] expected = BvecFrames.worldToFsl(expectedWorld, g.voxelToWorld());
        assertArrayEquals(expected, written.bvecs(), 1e-9);
        assertArrayEquals(r.gradients().bvals(), written.bvals(), 0);
        // motion really changed them
        double maxChange = 0;
        for (int i = 0; i < expected.length; i++) {
            maxChange = Math.max(maxChange, Math.abs(expected[i] - r.gradients().bvecs()[i]));
        }
        assertTrue(maxChange > 0.01, "rotations of a few degrees move the vectors: " + maxChange);
    }

    @Test
    void zeroMotionLeavesTheBvecsUnchangedAndIntegerInputStaysInt16(@TempDir Path out) throws IOException {
        SeriesResult r = SyntheticSeries.result("dwi.nii.gz", true, true, TransformType.AFFINE);
        SeriesOutputWriter.WrittenSeries w = SeriesOutputWriter.write(r, out.toString());
        assertEquals(out.resolve("sub-dwi/dwi").toString(), w.seriesFolder());
        String base = w.seriesFolder() + "/sub-dwi_desc-preproc_dwi";
        GradientTable written = GradientTable.read(base + ".bval", base + ".bvec");
        assertArrayEquals(r.gradients().bvecs(), written.bvecs(), 1e-10);
        NiftiImage pre = NiftiReader.read(base + ".nii.gz");
        assertEquals(NiftiDataType.INT16.code(), pre.header().dataType().code());
        assertArrayEquals(r.reference().data(), pre.volume(3).data());
        String tsv = Files.readString(Path.of(w.seriesFolder(), "sub-dwi_desc-hmc_motion.tsv"));
        assertTrue(tsv.split("\n")[0].endsWith("stretch_yz"), "affine mode adds the stretch columns");
        assertEquals(0, w.motion().flaggedVolumes().length);
    }

    @Test
    void anUnwritableOutputNamesTheFileAndLeavesNoRunSidecar(@TempDir Path tmp) throws IOException {
        Path blocker = tmp.resolve("not-a-folder");
        Files.writeString(blocker, "x"); // a file where a folder should be
        SeriesResult r = SyntheticSeries.result(INPUT, false, false, TransformType.RIGID);
        IOException e = assertThrows(IOException.class,
                () -> SeriesOutputWriter.write(r, blocker.resolve("out").toString()));
        assertTrue(e.getMessage().contains("not-a-folder/out/sub-01/ses-1/dwi/sub-01_ses-1_acq-test_desc-hmc_xfm"), e.getMessage());
        assertFalse(Files.exists(blocker.resolve("out")));
    }

    @Test
    void flatLayoutWritesIntoTheGivenFolder(@TempDir Path out) throws IOException {
        SeriesResult r = SyntheticSeries.result(INPUT, false, false, TransformType.RIGID);
        new SeriesOutputWriter(OutputOptions.defaults().withBidsLayout(false).withWriteSeries(false))
                .writeSeries(r, out.toString());
        assertTrue(Files.exists(out.resolve("sub-01_ses-1_acq-test_desc-hmc_dwi.json")));
        assertFalse(Files.exists(out.resolve("sub-01_ses-1_acq-test_desc-preproc_dwi.nii.gz")));
    }
}
