package org.dwimotion.spark.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster for tests: a Master and N Workers, each a separate JVM on 127.0.0.1, started
 * from the Maven-assembled Spark home (the Java twin of {@code scripts/local-cluster.sh}, which tests can drive
 * and kill more precisely). Workers launch executor JVMs as their children.
 *
 * <p>Every process it starts is stopped by {@link #close()} (descendants first), and by a shutdown hook if the
 * test JVM exits without closing it. Ports are free ones chosen at start. State and logs stay in {@code dir}
 * ({@code logs/master.out}, {@code logs/worker-N.out}, {@code work/worker-N/app-*}/N/stderr for executors).
 *
 * <pre>{@code
 * try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(sparkHome, dir, Options.defaults())) {
 *     submit to cluster.masterUrl(); ...; cluster.killWorker(0);
 * }
 * }</pre>
 */
public final class LocalStandaloneCluster implements AutoCloseable {

    /**
     * @param workers         number of Worker JVMs
     * @param coresPerWorker  cores each Worker offers (one executor per worker with the defaults)
     * @param memoryPerWorker memory each Worker offers to executors, Spark syntax ({@code 1g}, {@code 768m})
     * @param daemonHeap      heap of the Master and Worker JVMs themselves
     * @param startTimeout    how long to wait for all workers to register
     */
    public record Options(int workers, int coresPerWorker, String memoryPerWorker, String daemonHeap,
                          Duration startTimeout) {
        /** Two one-core workers offering 1 GiB each: fits a 2-core CI machine next to the driver. */
        public static Options defaults() {
            return new Options(2, 1, "1g", "256m", Duration.ofSeconds(90));
        }

        public Options withWorkers(int n) {
            return new Options(n, coresPerWorker, memoryPerWorker, daemonHeap, startTimeout);
        }
    }

    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path sparkHome;
    private final Path dir;
    private final int masterPort;
    private final int webUiPort;
    private final List<Process> processes = new ArrayList<>(); // master first, then workers
    private final Thread shutdownHook = new Thread(this::destroyAll, "local-standalone-cluster-stop");

    private LocalStandaloneCluster(Path sparkHome, Path dir, int masterPort, int webUiPort) {
        this.sparkHome = sparkHome;
        this.dir = dir;
        this.masterPort = masterPort;
        this.webUiPort = webUiPort;
    }

    /** Starts the Master and the Workers and waits until every Worker has registered. */
    public static LocalStandaloneCluster start(Path sparkHome, Path dir, Options options)
            throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("work"));
        int[] ports = freePorts(2);
        LocalStandaloneCluster c = new LocalStandaloneCluster(sparkHome, dir, ports[0], ports[1]);
        Runtime.getRuntime().addShutdownHook(c.shutdownHook);
        try {
            c.launch("master", options.daemonHeap(), "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(c.masterPort),
                    "--webui-port", Integer.toString(c.webUiPort));
            for (int i = 1; i <= options.workers(); i++) {
                c.launch("worker-" + i, options.daemonHeap(), "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--webui-port", "0",
                        "--cores", Integer.toString(options.coresPerWorker()),
                        "--memory", options.memoryPerWorker(),
                        "--work-dir", dir.resolve("work/worker-" + i).toString(), c.masterUrl());
            }
            c.awaitAliveWorkers(options.workers(), options.startTimeout());
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    public URI webUi() {
        return URI.create("http://127.0.0.1:" + webUiPort);
    }

    public Path dir() {
        return dir;
    }

    /** Number of workers the Master currently counts as alive (from its JSON at {@code /json/}). */
    public int aliveWorkers() {
        Matcher m = ALIVE_WORKERS.matcher(masterJson());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The Master's state as JSON ({@code /json/}); empty when it does not answer. */
    public String masterJson() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(webUi().resolve("/json/")).timeout(Duration.ofSeconds(3)).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * Kills Worker {@code index} (0-based) and its executor JVMs at once (SIGKILL), like a machine that dies:
     * no clean deregistration, running tasks and shuffle files on it are lost.
     */
    public void killWorker(int index) throws InterruptedException {
        Process worker = processes.get(1 + index);
        List<ProcessHandle> tree = new ArrayList<>(worker.descendants().toList());
        tree.add(worker.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tree) {
            p.onExit().join();
        }
    }

    /** Whether Worker {@code index} (0-based) is still running. */
    public boolean workerAlive(int index) {
        return processes.get(1 + index).isAlive();
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is running or ran
        }
    }

    /** Workers (and their executors) first, then the Master; polite first, forcibly after 10 s. */
    private synchronized void destroyAll() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            all.addAll(p.descendants().toList());
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            try {
                p.onExit().get(Math.max(left, 1), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        all.forEach(p -> {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        });
    }

    private void launch(String name, String heap, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(SparkJavaOptions.opens()));
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:TieredStopAtLevel=1"); // daemons do little work: spare the JIT's CPU on small machines
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Dspark.master.rest.enabled=false");
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("conf") + ":" + sparkHome.resolve("jars") + "/*");
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs").resolve(name + ".out").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_CONF_DIR", sparkHome.resolve("conf").toString());
        processes.add(pb.start());
    }

    private void awaitAliveWorkers(int n, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (aliveWorkers() < n) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster JVM exited with " + p.exitValue()
                            + " during start; logs in " + dir.resolve("logs"));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(n + " workers did not register within " + timeout
                        + "; logs in " + dir.resolve("logs"));
            }
            Thread.sleep(250);
        }
    }

    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return ports;
    }

    /** For messages. */
    @Override
    public String toString() {
        return "LocalStandaloneCluster[" + masterUrl() + ", web UI " + webUi() + ", " + dir + "]";
    }
}
