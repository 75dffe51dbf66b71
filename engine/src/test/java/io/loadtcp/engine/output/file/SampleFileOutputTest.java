package io.loadtcp.engine.output.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.MetricRegistry;
import io.loadtcp.engine.metrics.SampleBuffer;
import io.loadtcp.engine.metrics.Tags;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFileOutputTest {
    @TempDir Path dir;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private static SampleBuffer samples(int n, long from) {
        SampleBuffer s = new SampleBuffer(n);
        for (int i = 0; i < n; i++) s.add(BuiltinMetrics.TCP_WRITES, Tags.of("port", "7"), 1, from + i);
        return s;
    }

    private SampleFileOutput create(Path file) throws IOException {
        return SampleFileOutput.create(file.toString(), new K6CsvFormat(K6CsvFormat.TimeFormat.UNIX_NANO),
                OutputStreamNotUsed.INSTANCE, warnings::add);
    }

    @Test
    void writesEverySampleHandedOverCompressedWhenTheNameEndsInGz() throws Exception {
        Path file = dir.resolve("samples.csv.gz");
        SampleFileOutput out = create(file);
        out.onStart(new MetricRegistry(), reason -> {});
        for (int second = 0; second < 3; second++) out.onSamples(List.of(samples(40_000, second * 100_000L), samples(5, -1)));
        out.close();

        List<String> lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertTrue(lines.get(0).startsWith("metric_name,timestamp,metric_value,"), lines.get(0));
        assertEquals(1 + 3 * 40_005, lines.size());
        assertEquals("tcp_writes,200000,1.000000,,,,,,,,,,,,,port=7", lines.get(1 + 2 * 40_005));
        assertEquals(3 * 40_005, out.written());
        assertNull(out.failure());
        assertEquals(List.of(), warnings);
    }

    @Test
    void theHeaderIsWrittenAtOnceAndEachSecondIsFlushedForReadersOfAGrowingFile() throws Exception {
        Path file = dir.resolve("samples.csv");
        SampleFileOutput out = create(file);
        assertTrue(Files.readString(file).startsWith("metric_name,"), "before the run starts");
        out.onStart(new MetricRegistry(), reason -> {});
        out.onSamples(List.of(samples(3, 0)));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Files.readString(file).lines().count() < 4 && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(4, Files.readString(file).lines().count(), "readable while the run goes on");
        out.close();
        out.close();
    }

    @Test
    void samplesOfARunThatNeverStartedAreStillWrittenOnClose() throws Exception {
        Path file = dir.resolve("samples.csv");
        SampleFileOutput out = create(file);
        out.onSamples(List.of(samples(2, 0))); // init failed: the run's last collection, but no onStart
        out.close();
        assertEquals(3, Files.readString(file).lines().count());
    }

    @Test
    void aFailedWriteIsReportedOnceAndKeptAsTheReasonTheFileIsIncomplete() throws Exception {
        Path full = Path.of("/dev/full");
        if (!Files.isWritable(full)) return; // no such device here
        SampleFileOutput out = SampleFileOutput.create(full.toString(), new K6JsonFormat(), OutputStreamNotUsed.INSTANCE,
                warnings::add); // JSON has no header: creating succeeds, the first write fails
        out.onStart(new MetricRegistry(), reason -> {});
        out.onSamples(List.of(samples(100_000, 0)));
        out.onSamples(List.of(samples(10, 0)));
        out.close();

        assertNotNull(out.failure());
        assertEquals(0, out.written());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("--out /dev/full: writing failed: "), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("; the samples from then on are not written"), warnings.get(0));
    }

    @Test
    void aFileThatCannotBeCreatedFailsAtOnce() {
        assertThrows(IOException.class, () -> create(dir.resolve("no/such/dir/samples.csv")));
    }

    @Test
    void dashWritesToTheStandardOutputGivenAndLeavesItOpen() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("standard output closed");
            }
        };
        SampleFileOutput out = SampleFileOutput.create("-", new K6CsvFormat(K6CsvFormat.TimeFormat.UNIX), stdout, warnings::add);
        out.onStart(new MetricRegistry(), reason -> {});
        out.onSamples(List.of(samples(2, 0)));
        out.close();
        assertEquals(3, stdout.toString(StandardCharsets.UTF_8).lines().count());
    }
    @Test
    void aWriterThatCannotKeepUpMakesTheSecondsThatDoNotFitBeDroppedAndCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stalled = new OutputStream() { // a disk that stops taking bytes after the header
            volatile boolean stall;

            @Override
            public void write(int b) {
                throw new AssertionError("whole lines only");
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                if (stall) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                written.write(b, off, len);
            }

            @Override
            public void flush() {
                stall = true;
            }
        };
        SampleFileOutput out = SampleFileOutput.create("-", new K6CsvFormat(K6CsvFormat.TimeFormat.UNIX), stalled,
                warnings::add, 100);
        out.onStart(new MetricRegistry(), reason -> {});
        out.onSamples(List.of(samples(60, 0))); // taken by the writer, which stalls on it: still waiting
        out.onSamples(List.of(samples(30, 0), samples(10, 0))); // exactly the 100 allowed
        out.onSamples(List.of(samples(20, 0))); // does not fit
        assertEquals(20, out.dropped());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("--out -: writing fell so far behind that 100 samples wait in memory;"), warnings.get(0));
        out.onSamples(List.of(samples(7, 0))); // nor does this
        release.countDown();
        out.close();

        assertEquals(27, out.dropped());
        assertEquals(100, out.written());
        assertEquals(101, written.toString(StandardCharsets.UTF_8).lines().count(), "the header and what was kept");
        assertEquals(1, warnings.stream().filter(w -> w.contains("dropped")).count(), "said once: " + warnings);
    }

    @Test
    void anEmptyQueueTakesASecondLargerThanTheBudget() throws Exception {
        Path file = dir.resolve("samples.csv");
        SampleFileOutput out = SampleFileOutput.create(file.toString(), new K6CsvFormat(K6CsvFormat.TimeFormat.UNIX),
                OutputStreamNotUsed.INSTANCE, warnings::add, 10);
        out.onSamples(List.of(samples(50, 0)));
        out.close();
        assertEquals(0, out.dropped());
        assertEquals(50, out.written());
    }

    /** For files: standard output must not be touched. */
    private static final class OutputStreamNotUsed extends OutputStream {
        static final OutputStreamNotUsed INSTANCE = new OutputStreamNotUsed();

        @Override
        public void write(int b) {
            throw new AssertionError("wrote to standard output");
        }
    }
}
