package org.dwimotion.bids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dwimotion.io.FileTree;
import org.dwimotion.io.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BidsDiscoveryTest {
    private final FileTree tree = FileTrees.of(null);

    private static void touch(Path root, String relative) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, relative);
    }

    private static void series(Path root, String folder, String stem) throws IOException {
        for (String ext : new String[] {"_dwi.nii.gz", "_dwi.bval", "_dwi.bvec", "_dwi.json"}) {
            touch(root, folder + "/" + stem + ext);
        }
    }

    @Test
    void findsSessionsRunsAndSidecarsInDatasetOrder(@TempDir Path root) throws IOException {
        series(root, "sub-02/dwi", "sub-02");
        series(root, "sub-01/ses-2/dwi", "sub-01_ses-2_run-1");
        series(root, "sub-01/ses-2/dwi", "sub-01_ses-2_run-2");
        series(root, "sub-01/ses-1/dwi", "sub-01_ses-1");
        touch(root, "sub-01/ses-1/anat/sub-01_ses-1_T1w.nii.gz");
        touch(root, "sub-01/ses-1/dwi/.sub-01_ses-1_dwi.nii.gz.tmp-1");
        touch(root, "derivatives/sub-01/dwi/sub-01_dwi.nii.gz");
        DatasetScan scan = BidsDiscovery.scan(tree, root.toString() + "/", List.of());
        assertEquals(List.of("sub-01_ses-1", "sub-01_ses-2_run-1", "sub-01_ses-2_run-2", "sub-02"),
                scan.series().stream().map(DwiSeries::key).toList());
        assertTrue(scan.problems().isEmpty(), scan.problems().toString());
        DwiSeries s = scan.series().get(1);
        assertEquals("01", s.subject());
        assertEquals("2", s.session());
        assertEquals("sub-01/ses-2/dwi", s.folder());
        assertEquals(root + "/sub-01/ses-2/dwi/sub-01_ses-2_run-1_dwi.bval", s.bval());
        assertEquals(4, s.inputs().size());
        assertEquals("/o/sub-01/ses-2/dwi/sub-01_ses-2_run-1", s.outputFolder("/o/"));
        assertNull(scan.series().get(3).session());
    }

    @Test
    void participantLabelsSelectSubjectsAndUnknownOnesAreRefused(@TempDir Path root) throws IOException {
        series(root, "sub-01/dwi", "sub-01");
        series(root, "sub-02/dwi", "sub-02");
        assertEquals(List.of("sub-02"), BidsDiscovery.scan(tree, root.toString(), List.of("02")).series().stream()
                .map(DwiSeries::key).toList());
        assertEquals(2, BidsDiscovery.scan(tree, root.toString(), List.of("sub-01", "02")).series().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BidsDiscovery.scan(tree, root.toString(), List.of("03")));
        assertTrue(e.getMessage().contains("no sub-03 folder"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BidsDiscovery.scan(tree, root.resolve("absent").toString(), List.of()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void missingSidecarsAreProblemsAndRootSidecarsAreInherited(@TempDir Path root) throws IOException {
        touch(root, "sub-01/dwi/sub-01_dwi.nii.gz");
        touch(root, "sub-01/dwi/sub-01_dwi.bval");
        touch(root, "sub-02/dwi/sub-02_dwi.nii");
        touch(root, "sub-02/dwi/sub-02_dwi.nii.gz");
        touch(root, "sub-03/dwi/sub-03_dwi.nii.gz");
        DatasetScan scan = BidsDiscovery.scan(tree, root.toString(), List.of());
        assertEquals(0, scan.series().size());
        assertEquals(3, scan.problems().size());
        assertTrue(scan.problems().get(0).reason().contains("missing sub-01_dwi.bvec"), scan.problems().toString());
        assertEquals(root + "/sub-01/dwi/sub-01_dwi.nii.gz", scan.problems().get(0).file());
        assertTrue(scan.problems().get(1).reason().contains("both"), scan.problems().toString());

        touch(root, "dwi.bval");
        touch(root, "dwi.bvec");
        scan = BidsDiscovery.scan(tree, root.toString(), List.of());
        assertEquals(List.of("sub-01", "sub-03"), scan.series().stream().map(DwiSeries::key).toList());
        assertEquals(root + "/sub-01/dwi/sub-01_dwi.bval", scan.series().get(0).bval());
        assertEquals(root + "/dwi.bvec", scan.series().get(0).bvec());
        assertEquals(root + "/dwi.bval", scan.series().get(1).bval());
    }

    @Test
    void hadoopFileUrisListTheSameTree(@TempDir Path root) throws IOException {
        series(root, "sub-01/ses-1/dwi", "sub-01_ses-1");
        DatasetScan scan = BidsDiscovery.scan(tree, "file://" + root, List.of());
        assertEquals(1, scan.series().size());
        assertEquals("file://" + root + "/sub-01/ses-1/dwi/sub-01_ses-1_dwi.nii.gz", scan.series().get(0).dwi());
        assertEquals(Files.size(root.resolve("sub-01/ses-1/dwi/sub-01_ses-1_dwi.nii.gz")),
                scan.series().get(0).inputs().get(0).length());
    }
}
