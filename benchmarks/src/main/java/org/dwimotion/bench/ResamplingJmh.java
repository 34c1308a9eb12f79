package org.dwimotion.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.pipeline.ReferenceResampling;
import org.dwimotion.registration.transform.RigidTransform;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of the ingest's resampling of one volume onto the reference grid (cubic B-spline, a small rigid
 * transform): over the whole grid ({@link ReferenceResampling#toReference}, what ingest did before) against at the
 * predicted region's voxels only ({@link ReferenceResampling#toReferenceAt}, what it does now). Grid 72×81×72 at 2 mm
 * (the scaling benchmark's largest series); the region an ellipsoid of 53,008 voxels, 12.6 % of the grid (that
 * series' predicted region is 31 %, so the region-only speed-up measured here is larger than ingest's). One thread, one processor, sample mode (median in the report).
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar ResamplingJmh} after
 * {@code mvn -B -Pbench -pl benchmarks -am -DskipTests package}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsPrepend = {"-XX:ActiveProcessorCount=1", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ResamplingJmh {
    @Param({"whole", "region"})
    public String extent;

    private ImageGeometry grid;
    private float[] volume;
    private int[] region;
    private double[] transform;

    @Setup(Level.Trial)
    public void setUp() {
        grid = ImageGeometry.ofSpacing(72, 81, 72, 2, 2, 2);
        volume = new float[grid.numVoxels()];
        Random r = new Random(1);
        for (int i = 0; i < volume.length; i++) {
            volume[i] = 100 + 50 * r.nextFloat();
        }
        int[] all = new int[grid.numVoxels()];
        int n = 0;
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    double x = (i - 35.5) / 30, y = (j - 40) / 34, z = (k - 35.5) / 30;
                    if (x * x + y * y + z * z < 0.555) {
                        all[n++] = grid.index(i, j, k);
                    }
                }
            }
        }
        region = java.util.Arrays.copyOf(all, n);
        transform = new RigidTransform(grid.fieldOfViewCentre(),
                new double[] {0.3, -0.2, 0.1, 0.01, 0.02, -0.01}).toMatrix();
    }

    /** One volume resampled; returns a value of it so that nothing is eliminated. */
    @Benchmark
    public float resampleOneVolume() {
        float[] out = "region".equals(extent) ? ReferenceResampling.toReferenceAt(volume, grid, transform, region)
                : ReferenceResampling.toReference(volume, grid, transform);
        return out[out.length / 2];
    }
}
