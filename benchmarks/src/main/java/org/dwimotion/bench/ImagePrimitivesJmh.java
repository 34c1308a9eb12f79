package org.dwimotion.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.dwimotion.image.GaussianSmoothingOps;
import org.dwimotion.image.Image3D;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.resample.Interpolation;
import org.dwimotion.resample.Interpolator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of the image primitives that dominate a run's registration stage (a JFR profile of a 72×81×72 × 66
 * run put a quarter of its CPU in the Gaussian smoothing of the pyramid and a fifth in B-spline interpolation):
 * one smoothing at the coarsest level's sigma (4 mm = 2 voxels), one cubic B-spline prefilter, and the
 * interpolation at every voxel of the grid shifted by a fraction of a voxel (the coherent access of a registration
 * near the identity). Grid 72×81×72 at 2 mm, random data. One thread, one processor, sample mode.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar ImagePrimitivesJmh} after
 * {@code mvn -B -Pbench -pl benchmarks -am -DskipTests package}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsPrepend = {"-XX:ActiveProcessorCount=1", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ImagePrimitivesJmh {
    private Image3D image;
    private Interpolator interpolator;

    @Setup(Level.Trial)
    public void setUp() {
        ImageGeometry grid = ImageGeometry.ofSpacing(72, 81, 72, 2, 2, 2);
        float[] v = new float[grid.numVoxels()];
        Random r = new Random(1);
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 + 50 * r.nextFloat();
        }
        image = new Image3D(grid, v);
        interpolator = Interpolation.BSPLINE3.create(image);
    }

    @Benchmark
    public float smoothSigma4mm() {
        return GaussianSmoothingOps.smooth(image, 4.0).data()[1000];
    }

    @Benchmark
    public Interpolator bsplinePrefilter() {
        return Interpolation.BSPLINE3.create(image);
    }

    @Benchmark
    public double bsplineEvaluateGrid() {
        double acc = 0;
        for (int k = 0; k < 72; k++) {
            for (int j = 0; j < 81; j++) {
                for (int i = 0; i < 72; i++) {
                    acc += interpolator.evaluateAtContinuousIndex(i + 0.3, j - 0.2, k + 0.1);
                }
            }
        }
        return acc;
    }
}
