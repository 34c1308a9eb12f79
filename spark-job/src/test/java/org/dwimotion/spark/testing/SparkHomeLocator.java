package org.dwimotion.spark.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the cluster tests find what {@code mvn package} built. The {@code cluster-tests} surefire execution of
 * spark-job sets these system properties; run from elsewhere (an IDE, {@code mvn test}), the tests skip with a
 * message saying what to build.
 */
public final class SparkHomeLocator {

    private SparkHomeLocator() {
    }

    /** The Maven-assembled Spark home ({@code target/spark-home}); skips the test when it is not built. */
    public static Path sparkHome() {
        Path home = Path.of(System.getProperty("dwimotion.sparkHome", "target/spark-home")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(home.resolve("RELEASE")) && Files.isDirectory(home.resolve("jars")),
                "no Spark home at " + home + "; build it with: mvn -pl spark-job -am -DskipTests package");
        return home;
    }

    /** The shaded application jar; skips the test when it is not built. */
    public static Path appJar() {
        Path jar = Path.of(System.getProperty("dwimotion.appJar", "target/dwimotion.jar")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "no application jar at " + jar + "; build it with mvn package");
        return jar;
    }

    /** The repository root (for scripts/ and conf/). */
    public static Path repoRoot() {
        return Path.of(System.getProperty("dwimotion.repoRoot", "..")).toAbsolutePath().normalize();
    }

    /** A scratch directory for cluster state and logs, kept after the run for post-mortems. */
    public static Path clusterDir(String name) {
        return Path.of(System.getProperty("dwimotion.clusterDir", "target/cluster-tests")).toAbsolutePath()
                .resolve(name);
    }
}
