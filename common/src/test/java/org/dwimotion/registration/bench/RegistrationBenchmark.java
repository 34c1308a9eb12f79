package org.dwimotion.registration.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.motion.DisplacementError;
import org.dwimotion.motion.DisplacementStats;
import org.dwimotion.registration.method.ImageRegistrationMethod;
import org.dwimotion.registration.method.RegistrationResult;
import org.dwimotion.registration.method.RegistrationSettings;
import org.dwimotion.registration.metric.IntensityMatching;
import org.dwimotion.registration.metric.MetricOptions;
import org.dwimotion.registration.metric.RobustLoss;

/**
 * Java side of {@code scripts/bench-registration.sh}: registers the pairs written by
 * {@code scripts/bench_registration_dipy.py make} (raw float32, x fastest, plus pairs.txt) with the
 * default rigid settings, single-threaded, and prints time and displacement error per pair.
 * Every pair is registered {@code warmup} times first so the JIT has compiled the engine (the Spark
 * job runs ~100 registrations per executor JVM), then timed over {@code repeats} runs (median).
 *
 * <p>Usage: {@code RegistrationBenchmark DIR [warmup=3] [repeats=5]}
 */
public final class RegistrationBenchmark {
    private RegistrationBenchmark() {
    }

    record Pair(String name, String volume, String noise, ImageGeometry grid, double[] truth, Image3D fixed, Image3D moving) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: RegistrationBenchmark DIR [warmup] [repeats]");
            System.exit(1);
        }
        Path dir = Path.of(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<Pair> pairs = new ArrayList<>();
        Image3D mask = null;
        for (String line : Files.readAllLines(dir.resolve("pairs.txt"))) {
            String[] t = line.trim().split("\\s+");
            if (t.length < 38) {
                continue;
            }
            int nx = Integer.parseInt(t[3]), ny = Integer.parseInt(t[4]), nz = Integer.parseInt(t[5]);
            double[] aff = new double[16];
            double[] truth = new double[16];
            for (int q = 0; q < 16; q++) {
                aff[q] = Double.parseDouble(t[6 + q]);
                truth[q] = Double.parseDouble(t[22 + q]);
            }
            ImageGeometry g = new ImageGeometry(nx, ny, nz, aff);
            if (mask == null) {
                mask = new Image3D(g, readF32(dir.resolve("mask.f32"), g.numVoxels()));
            }
            pairs.add(new Pair(t[0], t[1], t[2], g, truth,
                    new Image3D(g, riceFloor(transform(readF32(dir.resolve(t[0] + "_fixed.f32"), g.numVoxels())),
                            t[2].equals("noisy"))),
                    new Image3D(g, transform(readF32(dir.resolve(t[0] + "_moving.f32"), g.numVoxels())))));
        }
        RegistrationSettings settings = fromProperties(new RegistrationSettings());
        ImageRegistrationMethod method = new ImageRegistrationMethod(settings);
        for (int w = 0; w < warmup; w++) {
            for (Pair p : pairs) {
                method.register(p.fixed, p.moving, regMask(mask));
            }
        }
        System.out.printf("%-7s %-5s %-6s %10s %12s %12s %10s %s%n", "pair", "vol", "noise", "time_s", "median_mm",
                "mean_mm", "status", "steps");
        List<double[]> clean = new ArrayList<>(), noisy = new ArrayList<>();
        for (Pair p : pairs) {
            double[] times = new double[repeats];
            RegistrationResult r = null;
            for (int k = 0; k < repeats; k++) {
                long t0 = System.nanoTime();
                r = method.register(p.fixed, p.moving, regMask(mask));
                times[k] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(times);
            double time = times[repeats / 2];
            DisplacementStats e = DisplacementError.between(r.fixedToMoving(), p.truth, p.grid, mask);
            System.out.printf("%-7s %-5s %-6s %10.3f %12.4f %12.4f %10s %s%n", p.name, p.volume, p.noise, time,
                    e.median(), e.mean(), r.status(), Arrays.toString(r.iterationsPerLevel()));
            if (Boolean.getBoolean("bench.verbose")) {
                System.out.println("  " + r.message());
            }
            (p.noise.equals("noisy") ? noisy : clean).add(new double[] {time, e.median()});
        }
        summary("clean", clean);
        summary("noisy", noisy);
    }

    /**
     * Experiment overrides of the defaults, as system properties (unset = default): bench.sigmas
     * (voxels, comma separated, one per level), bench.iterations, bench.loss (TUKEY|HUBER|NONE),
     * bench.k, bench.matching (LINEAR|NONE), bench.stepTolMm, bench.floor (true|false: noise floor matching and
     * its SNR cap of the finest sigma), bench.verbose (true: print each result's message, which names the noise floor σ).
     */
    private static RegistrationSettings fromProperties(RegistrationSettings s) {
        String sig = System.getProperty("bench.sigmas");
        if (sig != null) {
            s.setSmoothingSigmasPerLevel(Arrays.stream(sig.split(",")).mapToDouble(Double::parseDouble).toArray());
        }
        String it = System.getProperty("bench.iterations");
        if (it != null) {
            s.setMaximumIterationsPerLevel(Arrays.stream(it.split(",")).mapToInt(Integer::parseInt).toArray());
        }
        MetricOptions m = s.metricOptions();
        RobustLoss loss = RobustLoss.valueOf(System.getProperty("bench.loss", m.robustLoss().name()));
        double k = Double.parseDouble(System.getProperty("bench.k", Double.toString(m.threshold())));
        IntensityMatching match = IntensityMatching.valueOf(System.getProperty("bench.matching",
                m.intensityMatching().name()));
        s.setMetricOptions(new MetricOptions(loss, k, match, m.minimumOverlap()));
        String floor = System.getProperty("bench.floor");
        if (floor != null) {
            s.setNoiseFloorMatching(Boolean.parseBoolean(floor));
        }
        String tol = System.getProperty("bench.stepTolMm");
        if (tol != null) {
            s.setStepToleranceMm(Double.parseDouble(tol));
        }
        return s;
    }

    private static void summary(String label, List<double[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        double[] times = rows.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] errors = rows.stream().mapToDouble(r -> r[1]).sorted().toArray();
        System.out.printf("dwimotion %s: median time %.3f s, median of median errors %.4f mm, mean %.4f mm, worst %.4f mm%n",
                label, times[times.length / 2], errors[errors.length / 2], Arrays.stream(errors).average().orElse(0),
                errors[errors.length - 1]);
    }

    /** Experiment: bench.noMask=true registers without the mask (errors are still measured over it). */
    private static Image3D regMask(Image3D mask) {
        return Boolean.getBoolean("bench.noMask") ? null : mask;
    }

    /**
     * Experiment (oracle): bench.riceSigma=s replaces a noisy pair's fixed image F by the expected
     * Rician magnitude E|F + n| for noise sigma s, i.e. gives the fixed side the moving side's noise floor.
     */
    private static float[] riceFloor(float[] a, boolean noisy) {
        double s = Double.parseDouble(System.getProperty("bench.riceSigma", "0"));
        if (s > 0 && noisy) {
            for (int i = 0; i < a.length; i++) {
                double x = a[i] * (double) a[i] / (4 * s * s);
                // E|F + n| = s sqrt(pi/2) e^-x [(1 + 2x) I0(x) + 2x I1(x)], x = F^2 / (4 s^2)
                a[i] = (float) (s * Math.sqrt(Math.PI / 2) * ((1 + 2 * x) * i0e(x) + 2 * x * i1e(x)));
            }
        }
        return a;
    }

    /** e^-x I0(x), x ≥ 0: power series below 15, asymptotic series above. */
    private static double i0e(double x) {
        if (x < 15) {
            double term = 1, sum = 1;
            for (int k = 1; k < 200 && term > 1e-17 * sum; k++) {
                term *= (x / 2) * (x / 2) / ((double) k * k);
                sum += term;
            }
            return sum * Math.exp(-x);
        }
        return (1 + 1 / (8 * x) + 9 / (128 * x * x) + 225 / (3072 * x * x * x)) / Math.sqrt(2 * Math.PI * x);
    }

    /** e^-x I1(x), x ≥ 0. */
    private static double i1e(double x) {
        if (x < 15) {
            double term = x / 2, sum = term;
            for (int k = 1; k < 200 && term > 1e-17 * sum; k++) {
                term *= (x / 2) * (x / 2) / ((double) k * (k + 1));
                sum += term;
            }
            return sum * Math.exp(-x);
        }
        return (1 - 3 / (8 * x) - 15 / (128 * x * x) - 315 / (3072 * x * x * x)) / Math.sqrt(2 * Math.PI * x);
    }

    /** Experiment: bench.power=p registers |I|^p instead of I (1 = unchanged). */
    private static float[] transform(float[] a) {
        double p = Double.parseDouble(System.getProperty("bench.power", "1"));
        if (p != 1) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) Math.pow(Math.abs(a[i]), p);
            }
        }
        return a;
    }

    private static float[] readF32(Path file, int n) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != 4L * n) {
            throw new IOException(file + ": expected " + 4L * n + " bytes (float32 x " + n + "), found " + bytes.length);
        }
        float[] out = new float[n];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
