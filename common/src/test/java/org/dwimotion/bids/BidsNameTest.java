package org.dwimotion.bids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BidsNameTest {

    @Test
    void bidsEntitiesAreKeptInOrderAndTheSuffixReplaced() {
        BidsName n = BidsName.fromInput("/data/sub-01/ses-1/dwi/sub-01_ses-1_acq-mb3_run-2_dwi.nii.gz");
        assertTrue(n.bids());
        assertEquals(List.of("sub-01", "ses-1", "acq-mb3", "run-2"), n.entities());
        assertEquals("sub-01_ses-1_acq-mb3_run-2_desc-preproc_dwi.nii.gz", n.file("preproc", "dwi", ".nii.gz"));
        assertEquals("sub-01_ses-1_acq-mb3_run-2_dwiref.nii.gz", n.file(null, "dwiref", ".nii.gz"));
        assertEquals("sub-01/ses-1/dwi", n.folder());
        assertEquals("1", n.entity("ses"));
    }

    @Test
    void anInputDescIsDroppedSoOursIsTheOnlyOne() {
        BidsName n = BidsName.fromInput("s3a://bucket/sub-7_desc-denoised_dwi.nii");
        assertEquals("sub-7_desc-hmc_motion.tsv", n.file("hmc", "motion", ".tsv"));
        assertEquals("sub-7/dwi", n.folder());
    }

    @Test
    void nonBidsNamesFallBackToASubjectLabelFromTheStem() {
        BidsName plain = BidsName.fromInput("dwi.nii.gz");
        assertFalse(plain.bids());
        assertEquals("sub-dwi_desc-preproc_dwi.nii.gz", plain.file("preproc", "dwi", ".nii.gz"));
        assertEquals("sub-patient7", BidsName.fromInput("/x/patient 7.nii").prefix());
        assertEquals("sub-subject01dwi", BidsName.fromInput("subject_01_dwi.nii.gz").prefix());
        assertEquals("sub-unknown", BidsName.fromInput("___.nii.gz").prefix());
        // a sub- name with a malformed entity is not BIDS either
        assertEquals("sub-sub01badentitydwi", BidsName.fromInput("sub-01_bad_entity_dwi.nii.gz").prefix());
    }

    @Test
    void badLabelsAreRefused() {
        BidsName n = BidsName.fromInput("sub-01_dwi.nii.gz");
        assertThrows(IllegalArgumentException.class, () -> n.file("pre_proc", "dwi", ".nii.gz"));
        assertThrows(IllegalArgumentException.class, () -> new BidsName(List.of("ses-1"), true));
    }
}
