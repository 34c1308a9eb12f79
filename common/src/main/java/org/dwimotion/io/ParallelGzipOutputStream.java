package org.dwimotion.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.dwimotion.DaemonThreads;

/**
 * A gzip stream compressed by several threads, as pigz does: the data is cut into fixed-size blocks (1 MiB by
 * default), each compressed as raw deflate by a small thread pool with the previous block's last 32 KiB as its
 * dictionary (so matches still reach back across block boundaries) and ended with a sync flush (the last block
 * with a finish), and the compressed blocks are written in order between a standard gzip header and a trailer
 * (CRC-32 and length mod 2^32 of the uncompressed data, little-endian). The result is one ordinary gzip member
 * that any gunzip (java.util.zip.GZIPInputStream, Python's gzip, zlib) reads.
 *
 * <p>The bytes written depend only on the data, the level and the block size, never on the number of threads
 * or on how the caller splits its writes: block boundaries are fixed and every block starts from a reset
 * deflater. They differ from {@link java.util.zip.GZIPOutputStream}'s (the sync flushes add 4–5 bytes per block
 * and the dictionary resets limit matches to 32 KiB back, which deflate's window allows anyway).
 *
 * <p>Memory is bounded: at most {@code 2 × threads} blocks are in flight (each an input block, a compressed
 * block and a native deflater); {@link #write} waits for the oldest block when that many are pending. The pool
 * is started on the first full block (a stream shorter than one block is compressed on the caller's thread, with
 * no pool) and shut down by {@link #finish()}, {@link #abandon()} or {@link #close()}. Not thread-safe: one
 * writer thread.
 */
public final class ParallelGzipOutputStream extends OutputStream {
    /** Block size used by {@link #ParallelGzipOutputStream(OutputStream, int, int)}: 1 MiB of input. */
    public static final int DEFAULT_BLOCK_BYTES = 1 << 20;
    /** Deflate's window: the most a match can reach back, hence the dictionary carried into the next block. */
    static final int DICTIONARY_BYTES = 32 * 1024;
    private static final int MAX_DEFAULT_THREADS = 4;
    /** Header of GZIPOutputStream: magic, CM = deflate, no flags, no mtime, XFL 0, OS 0. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};

    private final OutputStream out;
    private final int level;
    private final int blockBytes;
    private final int threads;
    private final int maxInFlight;
    private final ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Block> spare = new ArrayDeque<>();
    private final ArrayDeque<Block> all = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private final byte[] tail = new byte[DICTIONARY_BYTES];
    private int tailLength;
    private ExecutorService pool;
    private Block current;
    private long total;
    private boolean finished;
    private boolean released;

    /** A stream with {@link #DEFAULT_BLOCK_BYTES} blocks. */
    public ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        this(out, level, threads, DEFAULT_BLOCK_BYTES);
    }

    /**
     * Writes the gzip header to {@code out} at once.
     *
     * @param level      deflate level 0..9
     * @param threads    compressing threads, ≥ 1 (1: every block on the caller's thread, no pool)
     * @param blockBytes uncompressed bytes per block, ≥ 32 KiB (the dictionary)
     */
    public ParallelGzipOutputStream(OutputStream out, int level, int threads, int blockBytes) throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("out is required");
        }
        if (level < Deflater.NO_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("deflate level must be 0..9: " + level);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (blockBytes < DICTIONARY_BYTES) {
            throw new IllegalArgumentException("blockBytes must be >= " + DICTIONARY_BYTES + ": " + blockBytes);
        }
        this.out = out;
        this.level = level;
        this.blockBytes = blockBytes;
        this.threads = threads;
        this.maxInFlight = 2 * threads;
        out.write(HEADER);
    }

    /**
     * Threads for one stream on this machine: the processors the JVM sees, at most 4 (deflate level 1 runs at
     * roughly 50–100 MB/s per thread, so 4 already outrun most disks and object stores).
     */
    public static int defaultThreads() {
        return Math.max(1, Math.min(MAX_DEFAULT_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        checkOpen();
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IndexOutOfBoundsException("offset " + off + ", length " + len + ", array " + b.length);
        }
        crc.update(b, off, len);
        total += len;
        try {
            while (len > 0) {
                if (current == null) {
                    current = takeBlock();
                }
                int n = Math.min(len, blockBytes - current.length);
                System.arraycopy(b, off, current.input, current.length, n);
                current.length += n;
                off += n;
                len -= n;
                if (current.length == blockBytes) {
                    dispatch(false);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            abandon(); // a block may be lost: never write a trailer after it
            throw e;
        }
    }

    /** Flushes what has been written out so far (blocks still being compressed stay pending). */
    @Override
    public void flush() throws IOException {
        checkOpen();
        try {
            writeDone();
            out.flush();
        } catch (IOException | RuntimeException | Error e) {
            abandon();
            throw e;
        }
    }

    /**
     * Compresses the rest, writes every block and the trailer, and shuts the pool down; does not close the
     * underlying stream. Idempotent. On failure the stream is abandoned and the exception rethrown.
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        checkOpen();
        try {
            if (current == null) {
                current = takeBlock();
            }
            dispatch(true);
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            writeIntLE((int) crc.getValue());
            writeIntLE((int) total);
            finished = true;
        } catch (IOException | RuntimeException | Error e) {
            abandon();
            throw e;
        }
        release();
    }

    /**
     * Gives up on the stream (after an error elsewhere): cancels pending blocks, shuts the pool down and frees
     * the native deflaters, writing nothing more. The underlying stream is not closed. Idempotent.
     */
    public void abandon() {
        for (Future<Block> f : inFlight) {
            f.cancel(true);
        }
        inFlight.clear();
        release();
    }

    /**
     * {@link #finish()} (nothing more when the stream was abandoned after a failure), then closes the underlying
     * stream, also when finishing fails.
     */
    @Override
    public void close() throws IOException {
        try {
            if (!released) {
                finish();
            }
        } finally {
            out.close();
        }
    }

    /** True once the pool (if one was started) has been shut down and the deflaters freed. */
    boolean released() {
        return released && (pool == null || pool.isShutdown());
    }

    private void checkOpen() throws IOException {
        if (released) {
            throw new IOException(finished ? "gzip stream already finished" : "gzip stream abandoned after an error");
        }
    }

    private Block takeBlock() {
        Block b = spare.poll();
        if (b == null) {
            b = new Block(blockBytes, level);
            all.add(b);
        }
        b.length = 0;
        return b;
    }

    /** Hands the current block to a compressing thread (the caller's own when there is no parallelism to gain). */
    private void dispatch(boolean last) throws IOException {
        Block b = current;
        current = null;
        b.last = last;
        System.arraycopy(tail, 0, b.dictionary, 0, tailLength);
        b.dictionaryLength = tailLength;
        if (b.length >= DICTIONARY_BYTES) {
            System.arraycopy(b.input, b.length - DICTIONARY_BYTES, tail, 0, DICTIONARY_BYTES);
            tailLength = DICTIONARY_BYTES;
        } else { // only the last block can be short, and nothing follows it
            tailLength = 0;
        }
        if (threads == 1 || (last && inFlight.isEmpty())) {
            b.compress();
            writeBlock(b);
            return;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, new DaemonThreads("gzip"));
        }
        inFlight.add(pool.submit(() -> {
            b.compress();
            return b;
        }));
        writeDone();
        while (inFlight.size() >= maxInFlight) {
            writeOldest();
        }
    }

    /** Writes the compressed blocks at the head of the queue that are ready, without waiting. */
    private void writeDone() throws IOException {
        while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
            writeOldest();
        }
    }

    private void writeOldest() throws IOException {
        Future<Block> f = inFlight.peek();
        Block b;
        try {
            b = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing a gzip block");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("compressing a gzip block failed: " + cause, cause);
        }
        inFlight.poll();
        writeBlock(b);
    }

    private void writeBlock(Block b) throws IOException {
        out.write(b.output, 0, b.outputLength);
        spare.add(b);
    }

    private void writeIntLE(int v) throws IOException {
        out.write(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    private void release() {
        if (released) {
            return;
        }
        released = true;
        if (pool != null) {
            pool.shutdownNow();
        }
        for (Block b : all) {
            b.deflater.end();
        }
        all.clear();
        spare.clear();
        current = null;
    }

    /** One block's buffers and its deflater, reused block after block (reset before each use). */
    private static final class Block {
        final byte[] input;
        final byte[] dictionary = new byte[DICTIONARY_BYTES];
        final Deflater deflater;
        byte[] output;
        int length;
        int dictionaryLength;
        int outputLength;
        boolean last;

        Block(int blockBytes, int level) {
            input = new byte[blockBytes];
            // deflate's worst case is stored blocks: 5 bytes per 16 KiB, plus the flush marker
            output = new byte[blockBytes + (blockBytes >> 10) + 64];
            deflater = new Deflater(level, true);
        }

        void compress() {
            Deflater d = deflater;
            d.reset();
            if (dictionaryLength > 0) {
                d.setDictionary(dictionary, 0, dictionaryLength);
            }
            d.setInput(input, 0, length);
            outputLength = 0;
            if (last) {
                d.finish();
                while (!d.finished()) {
                    grow();
                    outputLength += d.deflate(output, outputLength, output.length - outputLength);
                }
                return;
            }
            while (true) { // a sync flush is complete when it leaves output space unused
                grow();
                int room = output.length - outputLength;
                int n = d.deflate(output, outputLength, room, Deflater.SYNC_FLUSH);
                outputLength += n;
                if (n < room && d.needsInput()) {
                    return;
                }
            }
        }

        private void grow() {
            if (outputLength == output.length) {
                output = Arrays.copyOf(output, output.length + (output.length >> 1));
            }
        }
    }
}
