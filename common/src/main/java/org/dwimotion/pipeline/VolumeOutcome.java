package org.dwimotion.pipeline;

import org.dwimotion.registration.method.RegistrationStatus;

/**
 * The result of registering one volume to its prediction: all a registration task sends back.
 *
 * @param volume        0-based volume index
 * @param fixedToMoving 4×4 row-major, world RAS mm, reference grid → observed volume
 * @param metric        the registration's final normalised metric (0 = perfect, +∞ on failure)
 * @param converged     whether the finest level stopped on a convergence rule
 * @param status        {@link RegistrationStatus} ordinal
 * @param iterations    optimiser steps summed over the levels
 */
public record VolumeOutcome(int volume, double[] fixedToMoving, double metric, boolean converged, int status,
                            int iterations) {

    public RegistrationStatus registrationStatus() {
        return RegistrationStatus.values()[status];
    }
}
