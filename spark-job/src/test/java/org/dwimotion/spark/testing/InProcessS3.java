package org.dwimotion.spark.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3 endpoint inside the test JVM (s3proxy on {@code http://127.0.0.1:<port>}), with path-style access and
 * fixed test credentials checked on every request (AWS signature v2/v4).
 *
 * <p>The S3A settings are scoped to this server's buckets ({@code fs.s3a.bucket.<bucket>.*}), so configuring a
 * shared Spark session for one test does not change how other buckets are reached. Bucket names are unique per
 * instance, which also keeps Hadoop's FileSystem cache from handing a later test a client of a stopped server.
 * The secret is never logged: {@link #toString()} shows the endpoint and buckets only.
 *
 * <pre>{@code
 * try (InProcessS3 s3 = InProcessS3.startInMemory()) {
 *     s3.configure(jsc.hadoopConfiguration());
 *     jsc.textFile(s3.uri("in/data.txt"));  // s3a://<bucket>/in/data.txt
 * }
 * }</pre>
 */
public final class InProcessS3 implements AutoCloseable {

    /** Test-only credentials; not secret, but still kept out of logs to model the real thing. */
    static final String ACCESS_KEY = "dwimotion-test-access";
    static final String SECRET_KEY = "dwimotion-test-secret";

    private final S3Proxy proxy;
    private final BlobStore store;
    private final String bucket;

    private InProcessS3(S3Proxy proxy, BlobStore store, String bucket) {
        this.proxy = proxy;
        this.store = store;
        this.bucket = bucket;
    }

    /** Objects held in memory (jimfs), gone when closed. */
    public static InProcessS3 startInMemory() throws Exception {
        return start(new TransientNio2BlobStore());
    }

    /** Objects stored as files under {@code dir} (one directory per bucket). */
    public static InProcessS3 startOnDisk(Path dir) throws Exception {
        return start(new FilesystemNio2BlobStore(dir.toString()));
    }

    private static InProcessS3 start(BlobStore store) throws Exception {
        String bucket = "dwimotion-test-" + UUID.randomUUID().toString().substring(0, 8);
        store.createContainer(bucket);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("s3proxy did not start within 10 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
        return new InProcessS3(proxy, store, bucket);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public String bucket() {
        return bucket;
    }

    /** {@code s3a://<bucket>/<key>}. */
    public String uri(String key) {
        return "s3a://" + bucket + "/" + key;
    }

    /**
     * The S3A settings that reach this server, scoped to its bucket. Users pass the same keys, unscoped or
     * scoped, with {@code spark.hadoop.} in front (docs/cluster.md).
     */
    public Map<String, String> hadoopProperties() {
        String p = "fs.s3a.bucket." + bucket + ".";
        Map<String, String> m = new LinkedHashMap<>();
        m.put(p + "endpoint", endpoint().toString());
        m.put(p + "endpoint.region", "us-east-1");
        m.put(p + "path.style.access", "true");
        m.put(p + "connection.ssl.enabled", "false");
        m.put(p + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        m.put(p + "access.key", ACCESS_KEY);
        m.put(p + "secret.key", SECRET_KEY);
        m.put(p + "attempts.maximum", "2");
        m.put(p + "retry.limit", "2");
        return m;
    }

    /** Adds {@link #hadoopProperties()} to {@code conf} (e.g. {@code jsc.hadoopConfiguration()}). */
    public void configure(Configuration conf) {
        hadoopProperties().forEach(conf::set);
    }

    /** A new (uncached) S3A client of the bucket; close it when done. */
    public FileSystem newFileSystem() throws IOException {
        Configuration conf = new Configuration();
        configure(conf);
        return FileSystem.newInstance(URI.create("s3a://" + bucket + "/"), conf);
    }

    /** Keys currently stored in the bucket (straight from the blob store, bypassing S3A). */
    public List<String> keys() {
        return store.list(bucket).contents().stream().map(o -> o.key()).toList();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop s3proxy at " + endpoint(), e);
        } finally {
            store.close();
        }
    }

    @Override
    public String toString() {
        return "InProcessS3[" + endpoint() + ", bucket " + bucket + "]";
    }
}
