package org.dwimotion.motion;

import java.util.Arrays;
import org.dwimotion.registration.method.RegistrationStatus;

/**
 * How each volume's registration ended.
 *
 * @param metric     per volume, the final normalised registration metric (0 = perfect match; NaN or +∞ when
 *                   the registration failed)
 * @param status     per volume, the outcome ({@link RegistrationStatus#CONVERGED} counts as converged)
 * @param iterations per volume, optimiser steps summed over the levels
 */
public record RegistrationDiagnostics(double[] metric, RegistrationStatus[] status, int[] iterations) {
    public RegistrationDiagnostics {
        if (metric == null || status == null || iterations == null) {
            throw new IllegalArgumentException("metric, status and iterations are required");
        }
        if (status.length != metric.length || iterations.length != metric.length) {
            throw new IllegalArgumentException("diagnostics differ in length: " + metric.length + " metrics, "
                    + status.length + " statuses, " + iterations.length + " iteration counts");
        }
        for (int v = 0; v < status.length; v++) {
            if (status[v] == null) {
                throw new IllegalArgumentException("volume " + v + " has no registration status");
            }
        }
        metric = metric.clone();
        status = status.clone();
        iterations = iterations.clone();
    }

    /** N volumes that all converged with the given metric and no iterations (simulations, tests). */
    public static RegistrationDiagnostics allConverged(double[] metric) {
        RegistrationStatus[] s = new RegistrationStatus[metric.length];
        Arrays.fill(s, RegistrationStatus.CONVERGED);
        return new RegistrationDiagnostics(metric, s, new int[metric.length]);
    }

    public int size() {
        return metric.length;
    }

    public boolean converged(int v) {
        return status[v] == RegistrationStatus.CONVERGED;
    }

    @Override
    public double[] metric() {
        return metric.clone();
    }

    @Override
    public RegistrationStatus[] status() {
        return status.clone();
    }

    @Override
    public int[] iterations() {
        return iterations.clone();
    }
}
