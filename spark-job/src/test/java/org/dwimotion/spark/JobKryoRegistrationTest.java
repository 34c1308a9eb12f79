package org.dwimotion.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.dwimotion.pipeline.IterationSpec;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * No model, fitter or registration object can cross the wire: the job runs with registrationRequired=true (every
 * job test does, in the shared session), and nothing from those packages is registered, so shipping one would
 * fail the job. The job's own records are the four of org.dwimotion.pipeline, all primitives; the broadcast spec
 * comes back whole through its serializer.
 */
@SparkTest
class JobKryoRegistrationTest {

    @Test
    void nothingModelRelatedIsRegistered() {
        SparkConf conf = SparkSessions.conf(SparkSettings.local("kryo-list"));
        Kryo kryo = new KryoSerializer(conf).newKryo();
        assertTrue(kryo.isRegistrationRequired());
        List<String> ours = new ArrayList<>();
        for (int id = 0; id < 10_000; id++) {
            Registration r = kryo.getRegistration(id);
            if (r != null && r.getType().getName().startsWith("org.dwimotion")) {
                ours.add(r.getType().getName());
            }
        }
        for (String name : ours) {
            assertTrue(!name.startsWith("org.dwimotion.model") && !name.startsWith("org.dwimotion.registration")
                    && !name.startsWith("org.dwimotion.resample"), "must not be registered: " + name);
        }
        assertEquals(List.of("org.dwimotion.pipeline.VolumePiece", "org.dwimotion.pipeline.ChunkPrediction",
                "org.dwimotion.pipeline.VolumeOutcome", "org.dwimotion.pipeline.IterationSpec"), ours);
    }

    @Test
    void iterationSpecRoundTripsEveryComponent() {
        SparkConf conf = SparkSessions.conf(SparkSettings.local("kryo-spec"));
        SerializerInstance kryo = new KryoSerializer(conf).newInstance();
        double[] id = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        double[] transforms = new double[32];
        System.arraycopy(id, 0, transforms, 0, 16);
        System.arraycopy(id, 0, transforms, 16, 16);
        transforms[19] = 1.5;
        // a b=0 pass's spec: its two volumes are series volumes 1 and 4
        IterationSpec spec = new IterationSpec("file:/data/dwi.nii.gz", new int[] {3, 4, 5, 2}, id,
                new int[] {0, 7, 9}, new int[] {7}, 2, 1, 1, new double[] {0, 5}, new double[] {0, 0, 0, 1, 0, 0},
                50, transforms, true, 2, 42L, new double[] {0, -1, 0}, new int[] {1, 4});
        IterationSpec back = kryo.deserialize(kryo.serialize(spec, ClassTag$.MODULE$.apply(IterationSpec.class)),
                ClassTag$.MODULE$.apply(IterationSpec.class));
        assertEquals(spec.dwiLocation(), back.dwiLocation());
        assertArrayEquals(spec.dims(), back.dims());
        assertArrayEquals(spec.voxelToWorld(), back.voxelToWorld());
        assertArrayEquals(spec.maskIndices(), back.maskIndices());
        assertArrayEquals(spec.registrationMask(), back.registrationMask());
        assertEquals(List.of(spec.chunkVoxels(), spec.model(), spec.fit(), spec.transformType()),
                List.of(back.chunkVoxels(), back.model(), back.fit(), back.transformType()));
        assertArrayEquals(spec.bvals(), back.bvals());
        assertArrayEquals(spec.bvecs(), back.bvecs());
        assertEquals(spec.b0Threshold(), back.b0Threshold());
        assertArrayEquals(spec.transforms(), back.transforms());
        assertEquals(spec.alignInput(), back.alignInput());
        assertEquals(spec.seed(), back.seed());
        assertArrayEquals(spec.phaseEncoding(), back.phaseEncoding());
        assertArrayEquals(spec.seriesVolumes(), back.seriesVolumes());
    }
}
