package org.dwimotion.spark;

import java.util.ArrayList;

import org.apache.spark.serializer.KryoRegistrator;

import com.esotericsoftware.kryo.Kryo;

/**
 * The one place where classes that cross the wire are registered with Kryo (STYLE item 13).
 *
 * <p>dwimotion runs with {@code spark.kryo.registrationRequired=true} ({@link SparkSessions#KRYO_POLICY}), so a
 * class missing here fails the job with "Class is not registered: ..." instead of silently writing its name
 * with every record. Records, broadcast values, task results and {@code parallelize}d data all go through Kryo;
 * closures do not (Java serialisation).
 *
 * <p>What Spark registers itself ({@code KryoSerializer.toRegister} and chill's Scala registrar: 1-D primitive
 * arrays, {@code String[]}, Scala tuples and collections, {@code CompactBuffer}, SQL rows) is not repeated here
 * except the primitive arrays, listed for clarity. The Spark/Scala internals below were found by running
 * shuffles, broadcasts and collects of Java RDDs under {@code registrationRequired=true}
 * ({@code DwimotionKryoRegistratorTest}).
 */
public final class DwimotionKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        registerPrimitiveArrays(kryo);
        registerJavaCollections(kryo);
        registerSparkInternals(kryo);
        registerJobClasses(kryo);
    }

    /** Voxel chunks, design operators, parameter blocks. */
    private static void registerPrimitiveArrays(Kryo kryo) {
        kryo.register(float[].class);
        kryo.register(double[].class);
        kryo.register(int[].class);
        kryo.register(long[].class);
        kryo.register(short[].class);
        kryo.register(boolean[].class);
        kryo.register(byte[].class);
        kryo.register(float[][].class);
        kryo.register(double[][].class);
        kryo.register(int[][].class);
        kryo.register(Object[].class);
    }

    private static void registerJavaCollections(Kryo kryo) {
        kryo.register(ArrayList.class);
    }

    /** Classes Spark's Java API ships that Spark does not register itself. */
    private static void registerSparkInternals(Kryo kryo) {
        // the ClassTag inside CompactBuffer, which groupByKey ships (the Java API passes ClassTag.AnyRef)
        registerByName(kryo, "scala.reflect.ManifestFactory$ObjectManifest");
    }

    /** For Scala-internal classes that Java code cannot name; fails with the name when Scala changes. */
    private static void registerByName(Kryo kryo, String className) {
        try {
            kryo.register(Class.forName(className, false, DwimotionKryoRegistrator.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Kryo registration: class " + className + " not found; the Spark or "
                    + "Scala version changed, update DwimotionKryoRegistrator", e);
        }
    }

    /**
     * === dwimotion job records: register each small record the job ships here, one line each. ===
     * (chunk keys, per-volume parameter records, geometry values, ...). Keep them records of primitives
     * and primitive arrays; never register a model or fitter object: those are rebuilt on executors.
     */
    private static void registerJobClasses(Kryo kryo) {
        // the cluster smoke test ships only Integer keys and float[] values (registered above)
    }
}
