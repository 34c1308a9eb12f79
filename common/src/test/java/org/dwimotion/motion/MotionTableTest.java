package org.dwimotion.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.Affines;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.registration.method.RegistrationStatus;
import org.dwimotion.registration.transform.EddyTransform;
import org.dwimotion.sim.DwiSimulator;
import org.dwimotion.sim.GradientScheme;
import org.dwimotion.sim.MotionModel;
import org.dwimotion.sim.MotionTrajectory;
import org.dwimotion.sim.RigidMotion;
import org.dwimotion.sim.SimulationConfig;
import org.junit.jupiter.api.Test;

/**
 * Golden values of the motion TSV: the simulator's truth transforms stand in for estimated ones, so every
 * column has an exact expected value (no registration runs).
 */
class MotionTableTest {
    private static final SimulationConfig CONFIG = new SimulationConfig(new int[] {20, 24, 20}, 2.5,
            new double[] {1000}, 12, 2, 0, 3.0, 3.0, 2, 0.0, 7L);

    record Truth(ImageGeometry grid, double[] transforms, RigidMotion[] motion, GradientTable gradients) {
    }

    /** Truth transforms of a drifting series with spikes, about the simulator's FOV centre. */
    static Truth truth() {
        ImageGeometry grid = DwiSimulator.geometryOf(CONFIG);
        MotionTrajectory.Result traj = MotionTrajectory.generate(CONFIG.volumes(), 3.0, Math.toRadians(3), 2, 11L);
        double[] c = grid.fieldOfViewCentre();
        double[] t = new double[16 * CONFIG.volumes()];
        for (int v = 0; v < CONFIG.volumes(); v++) {
            System.arraycopy(MotionModel.rigidAffine(traj.motion()[v], c), 0, t, 16 * v, 16);
        }
        GradientScheme s = GradientScheme.interleaved(CONFIG.shells(), CONFIG.directionsPerShell(), CONFIG.b0Count());
        return new Truth(grid, t, traj.motion(), GradientTable.of(s.bvals(), s.bvecs()));
    }

    @Test
    void affineRunsWithAPhaseEncodingReportTheRigidPartAndTheEddyCoefficients() {
        // the truth's rigid motion followed by an eddy displacement along u = world x for the DWIs
        Truth tr = truth();
        int n = tr.gradients().size();
        double[] pe = {1, 0, 0};
        double[] c = tr.grid().fieldOfViewCentre();
        double[] withEddy = tr.transforms().clone();
        double[] e = new double[3 * n];
        for (int v = 0; v < n; v++) {
            if (tr.gradients().bval(v) > 0) {
                e[3 * v] = 0.02 * tr.gradients().bvec(v, 0);
                e[3 * v + 1] = -0.015 * tr.gradients().bvec(v, 1);
                e[3 * v + 2] = 0.01 * tr.gradients().bvec(v, 2);
            }
            double[] q = new double[9];
            System.arraycopy(tr.motion()[v].toArray(), 0, q, 0, 6);
            System.arraycopy(e, 3 * v, q, 6, 3);
            System.arraycopy(new EddyTransform(c, pe, q).toMatrix(), 0, withEddy, 16 * v, 16);
        }
        MotionTable rigid = MotionTable.compute(tr.transforms(), tr.grid(), null, tr.gradients(), diagnostics(n),
                false, 0.5);
        MotionTable table = MotionTable.compute(withEddy, tr.grid(), null, tr.gradients(), diagnostics(n), true, pe,
                0.5);
        // motion columns and FD: those of the rigid part alone, to rounding; the eddy columns: e
        assertArrayEquals(rigid.parameters(), table.parameters(), 1e-12);
        for (int v = 1; v < n; v++) {
            assertEquals(rigid.fd()[v], table.fd()[v], 1e-9);
        }
        assertArrayEquals(e, table.eddy(), 1e-12);
        List<String> header = table.columns();
        assertEquals(List.of("eddy_x", "eddy_y", "eddy_z"), header.subList(header.size() - 3, header.size()));
        assertTrue(header.contains("stretch_yy"));
        // without the direction, affine mode keeps the polar rotation, whose rot_* absorb part of the shear
        MotionTable polar = MotionTable.compute(withEddy, tr.grid(), null, tr.gradients(), diagnostics(n), true, 0.5);
        assertTrue(polar.eddy() == null && !polar.columns().contains("eddy_x"));
        double worst = 0;
        for (int i = 0; i < rigid.parameters().length; i++) {
            worst = Math.max(worst, Math.abs(polar.parameters()[i] - rigid.parameters()[i]));
        }
        assertTrue(worst > 1e-3, "the polar rotation differs from the rigid part: " + worst);
    }

    static RegistrationDiagnostics diagnostics(int n) {
        double[] metric = new double[n];
        RegistrationStatus[] status = new RegistrationStatus[n];
        for (int v = 0; v < n; v++) {
            metric[v] = 0.01 * (v + 1);
            status[v] = v == 3 ? RegistrationStatus.MAX_ITERATIONS : RegistrationStatus.CONVERGED;
        }
        metric[5] = Double.POSITIVE_INFINITY;
        status[5] = RegistrationStatus.INSUFFICIENT_OVERLAP;
        int[] it = new int[n];
        Arrays.fill(it, 17);
        return new RegistrationDiagnostics(metric, status, it);
    }

    @Test
    void tsvMatchesTheSimulatedTruth() {
        Truth tr = truth();
        int n = tr.gradients().size();
        MotionTable table = MotionTable.compute(tr.transforms(), tr.grid(), null, tr.gradients(), diagnostics(n),
                false, 0.5);
        List<String> lines = List.of(table.tsv().split("\n"));
        assertEquals(n + 1, lines.size());
        List<String> header = List.of(lines.get(0).split("\t"));
        assertEquals(List.of("trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z", "framewise_displacement",
                "rms_displacement_ref", "rms_displacement_prev", "fd_outlier", "bval", "grad_x", "grad_y", "grad_z",
                "registration_metric", "registration_converged", "registration_status", "registration_iterations"),
                header);
        double[][] rows = new double[n][];
        for (int v = 0; v < n; v++) {
            String[] f = lines.get(v + 1).split("\t", -1);
            assertEquals(header.size(), f.length, "row " + v);
            double[] truthP = tr.motion()[v].toArray();
            rows[v] = new double[6];
            for (int a = 0; a < 6; a++) {
                rows[v][a] = Double.parseDouble(f[a]);
                // 0.1 mm / 0.1° is the tolerance; the table holds 1e-6 mm and 1e-9 rad
                assertEquals(truthP[a], rows[v][a], a < 3 ? 1e-6 : 1e-9, "volume " + v + " parameter " + a);
            }
            assertEquals(Long.toString((long) tr.gradients().bval(v)), f[10]);
            assertEquals(tr.gradients().bvec(v, 0), Double.parseDouble(f[11]), 1e-6);
            assertEquals(v == 5 ? "n/a" : String.format(java.util.Locale.ROOT, "%.6g", 0.01 * (v + 1)), f[14]);
            assertEquals(v == 3 || v == 5 ? "0" : "1", f[15]);
            assertEquals(v == 3 ? "MAX_ITERATIONS" : v == 5 ? "INSUFFICIENT_OVERLAP" : "CONVERGED", f[16]);
            assertEquals("17", f[17]);
        }
        // FD, Power et al., recomputed from the truth parameters and compared with the written value
        assertEquals("n/a", lines.get(1).split("\t")[6]);
        int flagged = 0;
        for (int v = 1; v < n; v++) {
            double[] p = tr.motion()[v].toArray(), q = tr.motion()[v - 1].toArray();
            double fd = 0;
            for (int a = 0; a < 6; a++) {
                fd += (a < 3 ? 1 : 50.0) * Math.abs(p[a] - q[a]);
            }
            String[] f = lines.get(v + 1).split("\t");
            assertEquals(fd, Double.parseDouble(f[6]), 1e-6, "FD of volume " + v);
            assertEquals(fd, table.fd()[v], 1e-9);
            assertEquals(fd > 0.5 ? "1" : "0", f[9]);
            flagged += fd > 0.5 ? 1 : 0;
        }
        assertEquals(flagged, table.flaggedVolumes().length);
        assertTrue(flagged >= 2, "the two spikes move more than 0.5 mm: " + flagged);
        assertEquals(0.0, Double.parseDouble(lines.get(1).split("\t")[7]), 0);
    }

    @Test
    void rmsColumnsEqualABruteForceOverTheMask() {
        Truth tr = truth();
        ImageGeometry g = tr.grid();
        float[] m = new float[g.numVoxels()];
        for (int v = 0; v < m.length; v += 3) {
            m[v] = 1;
        }
        Image3D mask = new Image3D(g, m);
        int n = tr.gradients().size();
        MotionTable table = MotionTable.compute(tr.transforms(), g, mask, tr.gradients(), diagnostics(n), false, 0.5);
        double[] p = new double[3], a = new double[3], b = new double[3];
        for (int v = 1; v < n; v += 4) {
            double[] tv = Arrays.copyOfRange(tr.transforms(), 16 * v, 16 * v + 16);
            double[] tp = Arrays.copyOfRange(tr.transforms(), 16 * (v - 1), 16 * v);
            double sRef = 0, sPrev = 0;
            int count = 0;
            for (int k = 0; k < g.nz(); k++) {
                for (int j = 0; j < g.ny(); j++) {
                    for (int i = 0; i < g.nx(); i++) {
                        if (m[g.index(i, j, k)] == 0) {
                            continue;
                        }
                        g.indexToWorld(i, j, k, p);
                        Affines.apply(tv, p[0], p[1], p[2], a);
                        Affines.apply(tp, p[0], p[1], p[2], b);
                        sRef += sq(a[0] - p[0]) + sq(a[1] - p[1]) + sq(a[2] - p[2]);
                        sPrev += sq(a[0] - b[0]) + sq(a[1] - b[1]) + sq(a[2] - b[2]);
                        count++;
                    }
                }
            }
            assertEquals(Math.sqrt(sRef / count), table.rmsRef()[v], 1e-9, "volume " + v);
            assertEquals(Math.sqrt(sPrev / count), table.rmsPrev()[v], 1e-9, "volume " + v);
        }
    }

    @Test
    void stillSeriesHasZeroMotionAndAffineModeAddsAnIdentityStretch() {
        Truth tr = truth();
        int n = tr.gradients().size();
        double[] still = new double[16 * n];
        for (int v = 0; v < n; v++) {
            System.arraycopy(Affines.identity(), 0, still, 16 * v, 16);
        }
        MotionTable table = MotionTable.compute(still, tr.grid(), null, tr.gradients(), diagnostics(n), true, 0.5);
        String[] lines = table.tsv().split("\n");
        assertTrue(lines[0].endsWith("stretch_xx\tstretch_yy\tstretch_zz\tstretch_xy\tstretch_xz\tstretch_yz"));
        for (int v = 1; v <= n; v++) {
            String[] f = lines[v].split("\t");
            for (int a = 0; a < 6; a++) {
                assertEquals(0.0, Double.parseDouble(f[a]), 0, lines[v]);
                assertTrue(!f[a].startsWith("-"), "no negative zero: " + lines[v]);
            }
            assertEquals(v == 1 ? "n/a" : "0.000000", f[6]);
            assertArrayEquals(new double[] {1, 1, 1, 0, 0, 0},
                    Arrays.stream(f, 18, 24).mapToDouble(Double::parseDouble).toArray(), 0);
        }
        assertEquals(0, table.flaggedVolumes().length);
    }

    @Test
    void mismatchedCountsAreRefused() {
        Truth tr = truth();
        int n = tr.gradients().size();
        assertThrows(IllegalArgumentException.class, () -> MotionTable.compute(
                Arrays.copyOf(tr.transforms(), 16 * (n - 1)), tr.grid(), null, tr.gradients(), diagnostics(n),
                false, 0.5));
        assertThrows(IllegalArgumentException.class, () -> MotionTable.compute(tr.transforms(), tr.grid(), null,
                tr.gradients(), diagnostics(n - 1), false, 0.5));
    }

    private static double sq(double x) {
        return x * x;
    }
}
