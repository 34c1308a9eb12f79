package org.dwimotion.spark.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MiniHdfs} and {@link InProcessS3} work through Hadoop's FileSystem API and through Spark jobs whose
 * tasks read and write {@code hdfs://} and {@code s3a://} URIs.
 */
@SparkTest
class HadoopStorageTest {

    private static final List<Integer> NUMBERS = IntStream.range(0, 100).boxed().toList();

    @Test
    void hdfsThroughFileSystemAndSpark(JavaSparkContext jsc, @TempDir Path dir) throws IOException {
        try (MiniHdfs hdfs = MiniHdfs.start(dir)) {
            try (FileSystem fs = hdfs.newFileSystem()) {
                roundTripThroughFileSystem(fs, new org.apache.hadoop.fs.Path(hdfs.uri() + "/fs/a.bin"));
                // write-temp-then-rename, as dwimotion writes its outputs
                org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path("/fs/b.bin.tmp");
                write(fs, tmp, "b");
                assertTrue(fs.rename(tmp, new org.apache.hadoop.fs.Path("/fs/b.bin")));
                assertFalse(fs.exists(tmp));
            }
            String out = hdfs.uri() + "/spark/numbers";
            jsc.parallelize(NUMBERS, 3).saveAsTextFile(out);
            assertEquals(NUMBERS, jsc.textFile(out).map(Integer::parseInt).collect().stream().sorted().toList());
            assertTrue(jsc.textFile(out).getNumPartitions() >= 3);
        }
    }

    @Test
    void s3aThroughFileSystemAndSpark(JavaSparkContext jsc) throws Exception {
        try (InProcessS3 s3 = InProcessS3.startInMemory()) {
            try (FileSystem fs = s3.newFileSystem()) {
                roundTripThroughFileSystem(fs, new org.apache.hadoop.fs.Path(s3.uri("fs/a.bin")));
                assertEquals(List.of(), objects(s3), "deleted objects are gone from the store");
                org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(s3.uri("fs/b.bin.tmp"));
                write(fs, tmp, "b");
                assertTrue(fs.rename(tmp, new org.apache.hadoop.fs.Path(s3.uri("fs/b.bin"))));
                assertEquals(List.of("fs/b.bin"), objects(s3), "rename is a copy then a delete on S3");
                assertEquals("b", read(fs, new org.apache.hadoop.fs.Path(s3.uri("fs/b.bin"))));
                assertTrue(fs.delete(new org.apache.hadoop.fs.Path(s3.uri("fs")), true));
            }

            // tasks write one object each (no rename: an S3 object appears only when its upload completes)
            s3.configure(jsc.hadoopConfiguration());
            jsc.parallelize(NUMBERS, 4).foreachPartition(new WritePartition(s3.uri("parts"), s3.hadoopProperties()));
            assertEquals(4, objects(s3).size(), s3.keys().toString());
            assertEquals(NUMBERS, jsc.textFile(s3.uri("parts")).map(Integer::parseInt).collect().stream()
                    .sorted().toList());
            assertFalse(s3.toString().contains(InProcessS3.SECRET_KEY), "never print the secret");
        }
    }

    @Test
    void s3aRejectsWrongCredentials() throws Exception {
        try (InProcessS3 s3 = InProcessS3.startInMemory()) {
            Configuration conf = new Configuration();
            s3.configure(conf);
            conf.set("fs.s3a.bucket." + s3.bucket() + ".secret.key", "wrong");
            try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + s3.bucket() + "/"), conf)) {
                IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                        () -> write(fs, new org.apache.hadoop.fs.Path("/x"), "x"));
                assertFalse(String.valueOf(e.getMessage()).contains("wrong"), "the secret must not be echoed");
            }
        }
    }

    private static void roundTripThroughFileSystem(FileSystem fs, org.apache.hadoop.fs.Path file) throws IOException {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(data);
        }
        assertEquals(data.length, fs.getFileStatus(file).getLen());
        byte[] back = new byte[data.length];
        try (var in = fs.open(file)) {
            in.readFully(0, back);
        }
        assertArrayEquals(data, back);
        assertEquals(1, fs.listStatus(file.getParent()).length);
        assertTrue(fs.delete(file, false));
        assertFalse(fs.exists(file));
    }

    /** Stored objects, without the directory markers ({@code dir/}) that S3A keeps. */
    private static List<String> objects(InProcessS3 s3) {
        return s3.keys().stream().filter(k -> !k.endsWith("/")).toList();
    }

    private static String read(FileSystem fs, org.apache.hadoop.fs.Path p) throws IOException {
        try (var in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(FileSystem fs, org.apache.hadoop.fs.Path p, String text) throws IOException {
        try (FSDataOutputStream out = fs.create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes its partition's numbers, one per line, to {@code <dir>/part-<partition>.txt}. */
    static final class WritePartition implements VoidFunction<Iterator<Integer>> {
        private final String dir;
        private final Map<String, String> hadoopProperties;

        WritePartition(String dir, Map<String, String> hadoopProperties) {
            this.dir = dir;
            this.hadoopProperties = new java.util.HashMap<>(hadoopProperties);
        }

        @Override
        public void call(Iterator<Integer> numbers) throws IOException {
            Configuration conf = new Configuration();
            hadoopProperties.forEach(conf::set);
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(
                    dir + "/part-" + TaskContext.getPartitionId() + ".txt");
            List<String> lines = new ArrayList<>();
            numbers.forEachRemaining(n -> lines.add(n.toString()));
            try (FSDataOutputStream out = file.getFileSystem(conf).create(file, true)) {
                out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
