package org.dwimotion.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parallel gzip: standard single-member gzip that GZIPInputStream reads back, the same bytes for any number of
 * threads and any way of splitting the writes, and a clean stop on errors. Blocks of 64 KiB here (the writer
 * uses 1 MiB), so that a few hundred KiB already make many blocks.
 */
class ParallelGzipOutputStreamTest {
    private static final int BLOCK = 64 * 1024;

    /** Float32 little-endian samples of a smooth image plus noise: compressible, but not trivially. */
    private static byte[] data(int bytes, long seed) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (b.remaining() >= 4) {
            float v = (float) (1000 * Math.sin(i * 0.01) + (i % 300 < 150 ? 0 : r.nextInt(8)));
            b.putFloat(v);
            i++;
        }
        while (b.hasRemaining()) {
            b.put((byte) r.nextInt());
        }
        return b.array();
    }

    private static byte[] gzip(byte[] input, int level, int threads, int chunk) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(sink, level, threads, BLOCK)) {
            for (int off = 0; off < input.length; off += chunk) {
                gz.write(input, off, Math.min(chunk, input.length - off));
            }
        }
        return sink.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6, 9})
    void roundTripsAtEveryLevel(int level) throws IOException {
        for (int size : new int[] {1, BLOCK - 1, BLOCK, 3 * BLOCK, 5 * BLOCK + 7, 700_001}) {
            byte[] input = data(size, size);
            assertArrayEquals(input, gunzip(gzip(input, level, 3, 10_000)), "size " + size + ", level " + level);
        }
    }

    @Test
    void emptyStreamIsAValidEmptyGzip() throws IOException {
        byte[] gz = gzip(new byte[0], 6, 2, 1);
        assertEquals(0, gunzip(gz).length);
        assertEquals(0x1f, gz[0] & 0xff);
        assertEquals(0x8b, gz[1] & 0xff);
        byte[] trailer = java.util.Arrays.copyOfRange(gz, gz.length - 8, gz.length);
        assertArrayEquals(new byte[8], trailer, "CRC-32 and length of nothing are zero");
    }

    @Test
    void bytesDoNotDependOnThreadsOrWriteSizes() throws IOException {
        byte[] input = data(9 * BLOCK + 12_345, 7);
        for (int level : new int[] {1, 6}) {
            byte[] reference = gzip(input, level, 1, input.length);
            for (int threads : new int[] {2, 3, 4, 8}) {
                for (int chunk : new int[] {1_000, BLOCK, 3 * BLOCK + 1}) {
                    assertArrayEquals(reference, gzip(input, level, threads, chunk),
                            "level " + level + ", " + threads + " threads, writes of " + chunk);
                }
            }
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(sink, level, 2, BLOCK)) {
                for (int i = 0; i < 5_000; i++) {
                    gz.write(input[i]); // single bytes, then the rest in one call
                }
                gz.write(input, 5_000, input.length - 5_000);
            }
            assertArrayEquals(reference, sink.toByteArray(), "byte-by-byte writes, level " + level);
        }
    }

    @Test
    void dictionaryKeepsMatchesAcrossBlocks() throws IOException {
        // a 20 KiB random pattern repeated: almost free for a single deflate stream, incompressible in blocks
        // that forget the previous block
        byte[] pattern = new byte[20 * 1024];
        new Random(3).nextBytes(pattern);
        byte[] input = new byte[40 * pattern.length];
        for (int i = 0; i < 40; i++) {
            System.arraycopy(pattern, 0, input, i * pattern.length, pattern.length);
        }
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(single)) {
            gz.write(input);
        }
        byte[] parallel = gzip(input, 6, 4, 4096);
        assertArrayEquals(input, gunzip(parallel));
        int blocks = (input.length + BLOCK - 1) / BLOCK;
        assertTrue(parallel.length <= single.size() + 16 * blocks,
                "parallel " + parallel.length + " bytes, single stream " + single.size());
    }

    @Test
    void failureOfTheUnderlyingStreamStopsEverything() throws IOException {
        FailingSink sink = new FailingSink(3 * BLOCK / 2);
        ParallelGzipOutputStream gz = new ParallelGzipOutputStream(sink, 1, 2, BLOCK);
        byte[] input = data(20 * BLOCK, 1);
        IOException e = assertThrows(IOException.class, () -> {
            gz.write(input);
            gz.finish();
        });
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertTrue(gz.released(), "pool shut down and deflaters freed after the failure");
        assertThrows(IOException.class, () -> gz.write(1));
        int written = sink.written;
        gz.close();
        assertTrue(sink.closed);
        assertEquals(written, sink.written, "nothing written after the failure, no trailer");
    }

    @Test
    void abandonStopsThePoolAndWritesNothingMore() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ParallelGzipOutputStream gz = new ParallelGzipOutputStream(sink, 6, 4, BLOCK);
        gz.write(data(10 * BLOCK + 3, 2));
        gz.abandon();
        assertTrue(gz.released());
        int size = sink.size();
        assertThrows(IOException.class, gz::finish);
        gz.close();
        assertEquals(size, sink.size());
    }

    @Test
    void finishIsIdempotentAndLeavesTheSinkOpen() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ParallelGzipOutputStream gz = new ParallelGzipOutputStream(sink, 1, 2, BLOCK);
        byte[] input = data(4 * BLOCK, 5);
        gz.write(input);
        gz.finish();
        int size = sink.size();
        gz.finish();
        gz.close();
        assertEquals(size, sink.size());
        assertTrue(gz.released());
        assertArrayEquals(input, gunzip(sink.toByteArray()));
    }

    @Test
    void rejectsBadArguments() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class, () -> new ParallelGzipOutputStream(sink, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new ParallelGzipOutputStream(sink, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ParallelGzipOutputStream(sink, 1, 1, 1024));
        assertTrue(ParallelGzipOutputStream.defaultThreads() >= 1 && ParallelGzipOutputStream.defaultThreads() <= 4);
    }

    /** Accepts {@code limit} bytes, then fails like a full disk. */
    private static final class FailingSink extends OutputStream {
        private final int limit;
        int written;
        boolean closed;

        FailingSink(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > limit) {
                throw new IOException("disk full");
            }
            written += len;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
