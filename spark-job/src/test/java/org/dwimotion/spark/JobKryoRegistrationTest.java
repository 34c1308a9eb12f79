package org.dwimotion.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.dwimotion.spark.testing.SparkTest;
import org.junit.jupiter.api.Test;

/**
 * No model, fitter or registration object can cross the wire: the job runs with registrationRequired=true (every
 * job test does, in the shared session), and nothing from those packages is registered, so shipping one would
 * fail the job. The job's own records are the four of org.dwimotion.pipeline, all primitives.
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
}
