package org.dwimotion.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The split-half gate: offset (mm) against k × half the halves' disagreement (mm). */
class OffsetSignificanceTest {
    @Test
    void anOffsetAboveKNoiseUnitsIsSignificant() {
        OffsetSignificance s = OffsetSignificance.of(0.5, 0.2, 2);
        assertEquals(0.1, s.noiseMm(), 1e-12);
        assertEquals(5, s.ratio(), 1e-12);
        assertTrue(s.significant());
    }

    @Test
    void anOffsetWithinKNoiseUnitsIsNot() {
        assertFalse(OffsetSignificance.of(0.2, 0.2, 2).significant());
        assertFalse(OffsetSignificance.of(0.19, 0.2, 2).significant());
        assertTrue(OffsetSignificance.of(0.19, 0.2, 1).significant());
    }

    @Test
    void zeroOffsetNeverPassesAndKZeroPassesAnyOther() {
        assertFalse(OffsetSignificance.of(0, 0, 2).significant());
        assertEquals(0, OffsetSignificance.of(0, 0, 2).ratio());
        assertTrue(OffsetSignificance.of(0.01, 0, 2).significant());
        assertTrue(OffsetSignificance.of(0.01, 5, 0).significant());
    }

    @Test
    void rejectsNegativeOrNaN() {
        assertThrows(IllegalArgumentException.class, () -> OffsetSignificance.of(-1, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> OffsetSignificance.of(0, Double.NaN, 2));
    }
}
