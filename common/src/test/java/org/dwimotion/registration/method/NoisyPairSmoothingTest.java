package org.dwimotion.registration.method;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NoisyPairSmoothingTest {
    @Test
    void capFollowsTheSnrRamp() {
        assertEquals(Double.POSITIVE_INFINITY, NoisyPairSmoothing.finestSigmaCapVoxels(Double.POSITIVE_INFINITY, 6));
        assertEquals(Double.POSITIVE_INFINITY, NoisyPairSmoothing.finestSigmaCapVoxels(Double.NaN, 6));
        assertEquals(Double.POSITIVE_INFINITY, NoisyPairSmoothing.finestSigmaCapVoxels(NoisyPairSmoothing.HIGH_SNR, 6));
        assertEquals(NoisyPairSmoothing.LOW_SNR_SIGMA_VOXELS, NoisyPairSmoothing.finestSigmaCapVoxels(0, 6), 0);
        assertEquals(Double.POSITIVE_INFINITY, NoisyPairSmoothing.finestSigmaCapVoxels(0, 12));
        assertEquals(NoisyPairSmoothing.LOW_SNR_SIGMA_VOXELS,
                NoisyPairSmoothing.finestSigmaCapVoxels(NoisyPairSmoothing.LOW_SNR, 6), 0);
        double mid = 0.5 * (NoisyPairSmoothing.LOW_SNR + NoisyPairSmoothing.HIGH_SNR);
        assertEquals(0.5 * (NoisyPairSmoothing.LOW_SNR_SIGMA_VOXELS + RegistrationSettings.FINEST_SIGMA_VOXELS),
                NoisyPairSmoothing.finestSigmaCapVoxels(mid, 6), 1e-12);
    }
}
