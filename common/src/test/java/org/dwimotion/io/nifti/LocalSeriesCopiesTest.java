package org.dwimotion.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.dwimotion.io.LocalStorage;
import org.dwimotion.io.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSeriesCopiesTest {
    @TempDir
    Path tmp;

    @Test
    void uncompressedSeriesIsReadInPlace() throws IOException {
        Path nii = NiftiTestFiles.writeNii(tmp, "a.nii", 4);
        LocalSeriesCopies copies = new LocalSeriesCopies(tmp.resolve("copies"));
        LocalSeriesCopies.Source s = copies.resolve(nii.toString(), LocalStorage.INSTANCE);
        assertEquals(nii.toString(), s.location());
        assertFalse(Files.exists(tmp.resolve("copies")));
    }

    @Test
    void gzippedSeriesIsCopiedOnceAndReadsTheSameVolumes() throws IOException {
        Path nii = NiftiTestFiles.writeNii(tmp, "a.nii", 6); // the same data, uncompressed, for reference
        Path niiGz = tmp.resolve("a.nii.gz");
        NiftiWriter.write(niiGz.toString(), NiftiTestFiles.oblique(), 6,
                NiftiTestFiles.data(NiftiTestFiles.oblique(), 6), NiftiDataType.FLOAT32);
        LocalSeriesCopies copies = new LocalSeriesCopies(tmp.resolve("copies"));
        CountingStorage counting = new CountingStorage();
        LocalSeriesCopies.Source s = copies.resolve(niiGz.toString(), counting);
        assertNotEquals(niiGz.toString(), s.location());
        assertArrayEquals(gunzip(niiGz), Files.readAllBytes(Path.of(s.location())));
        int opensAfterFirst = counting.opens.get();
        LocalSeriesCopies.Source again = copies.resolve(niiGz.toString(), counting);
        assertEquals(s.location(), again.location());
        assertEquals(opensAfterFirst + 1, counting.opens.get(), "only the gzip check opens the source again");
        // volume 4 by seeking in the copy = volume 4 of the uncompressed file
        float[] a = new float[NiftiTestFiles.oblique().numVoxels()];
        float[] b = new float[a.length];
        try (NiftiVolumeStream st = s.open(NiftiReadOptions.defaults());
             NiftiVolumeStream ref = NiftiReader.openVolumes(nii.toString(), NiftiReadOptions.defaults())) {
            assertEquals(niiGz.toString(), st.location(), "messages name the user's file, not the copy");
            st.skip(4);
            st.read(a, 0);
            ref.skip(4);
            ref.read(b, 0);
        }
        assertArrayEquals(b, a);
        copies.deleteAll();
        assertFalse(Files.exists(tmp.resolve("copies")));
    }

    @Test
    void deletingOneSeriesCopyLeavesTheOthers() throws IOException {
        LocalSeriesCopies copies = new LocalSeriesCopies(tmp.resolve("copies"));
        String[] gz = new String[2];
        for (int i = 0; i < 2; i++) {
            gz[i] = tmp.resolve("s" + i + ".nii.gz").toString();
            NiftiWriter.write(gz[i], NiftiTestFiles.oblique(), 3, NiftiTestFiles.data(NiftiTestFiles.oblique(), 3),
                    NiftiDataType.FLOAT32);
        }
        Path first = Path.of(copies.resolve(gz[0], LocalStorage.INSTANCE).location());
        Path second = Path.of(copies.resolve(gz[1], LocalStorage.INSTANCE).location());
        copies.delete(gz[0], LocalStorage.INSTANCE);
        assertFalse(Files.exists(first));
        assertTrue(Files.exists(second), "a concurrent series' copy (bulk runs share the folder) must survive");
    }

    @Test
    void keyChangesWithLengthAndModificationTime() {
        String k = LocalSeriesCopies.key("/d/dwi.nii.gz", 100, 5);
        assertEquals(k, LocalSeriesCopies.key("/d/dwi.nii.gz", 100, 5));
        assertNotEquals(k, LocalSeriesCopies.key("/d/dwi.nii.gz", 101, 5));
        assertNotEquals(k, LocalSeriesCopies.key("/d/dwi.nii.gz", 100, 6));
        assertNotEquals(k, LocalSeriesCopies.key("/e/dwi.nii.gz", 100, 5));
    }

    @Test
    void racingThreadsMakeOneCopy() throws Exception {
        Path niiGz = tmp.resolve("r.nii.gz");
        NiftiWriter.write(niiGz.toString(), NiftiTestFiles.oblique(), 40,
                NiftiTestFiles.data(NiftiTestFiles.oblique(), 40), NiftiDataType.FLOAT32);
        LocalSeriesCopies copies = new LocalSeriesCopies(tmp.resolve("copies"));
        CountingStorage counting = new CountingStorage();
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> got = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return copies.resolve(niiGz.toString(), counting).location();
                }));
            }
            start.countDown();
            String first = got.get(0).get();
            for (Future<String> f : got) {
                assertEquals(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, counting.decompressions.get(), "one thread decompresses, the others wait for its copy");
        assertArrayEquals(gunzip(niiGz), Files.readAllBytes(Path.of(copiesOf(tmp.resolve("copies")))));
        try (var left = Files.list(tmp.resolve("copies"))) {
            assertTrue(left.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void corruptGzipNamesTheSourceAndLeavesNoCopy() throws IOException {
        Path niiGz = tmp.resolve("c.nii.gz");
        NiftiWriter.write(niiGz.toString(), NiftiTestFiles.oblique(), 6,
                NiftiTestFiles.data(NiftiTestFiles.oblique(), 6), NiftiDataType.FLOAT32);
        byte[] b = Files.readAllBytes(niiGz);
        Files.write(niiGz, java.util.Arrays.copyOf(b, b.length / 2));
        LocalSeriesCopies copies = new LocalSeriesCopies(tmp.resolve("copies"));
        IOException e = assertThrows(IOException.class, () -> copies.resolve(niiGz.toString(), LocalStorage.INSTANCE));
        assertTrue(e.getMessage().contains(niiGz.toString()), e.getMessage());
        try (var left = Files.list(tmp.resolve("copies"))) {
            assertTrue(left.noneMatch(p -> p.toString().endsWith(".nii") || p.toString().endsWith(".tmp")));
        }
    }

    private static String copiesOf(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".nii")).findFirst().orElseThrow().toString();
        }
    }

    private static byte[] gunzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** Local storage that counts opens, and full reads of the source (decompressions: more than 2 bytes read). */
    private static final class CountingStorage implements Storage {
        final AtomicInteger opens = new AtomicInteger();
        final AtomicInteger decompressions = new AtomicInteger();

        @Override
        public InputStream openRead(String location) throws IOException {
            opens.incrementAndGet();
            InputStream in = LocalStorage.INSTANCE.openRead(location);
            return new java.io.FilterInputStream(in) {
                private long read;
                private boolean counted;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    count(n);
                    return n;
                }

                @Override
                public int read() throws IOException {
                    int c = super.read();
                    count(c < 0 ? -1 : 1);
                    return c;
                }

                private void count(int n) {
                    if (n > 0) {
                        read += n;
                    }
                    if (read > 2 && !counted) {
                        counted = true;
                        decompressions.incrementAndGet();
                    }
                }
            };
        }

        @Override
        public long length(String location) throws IOException {
            return LocalStorage.INSTANCE.length(location);
        }

        @Override
        public long modificationTime(String location) throws IOException {
            return LocalStorage.INSTANCE.modificationTime(location);
        }

        @Override
        public boolean exists(String location) {
            return LocalStorage.INSTANCE.exists(location);
        }

        @Override
        public void delete(String location) throws IOException {
            LocalStorage.INSTANCE.delete(location);
        }

        @Override
        public OutputStream create(String location) throws IOException {
            return LocalStorage.INSTANCE.create(location);
        }

        @Override
        public void rename(String from, String to) throws IOException {
            LocalStorage.INSTANCE.rename(from, to);
        }
    }
}
