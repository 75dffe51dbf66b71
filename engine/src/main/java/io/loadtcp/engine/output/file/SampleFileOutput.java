package io.loadtcp.engine.output.file;

import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricRegistry;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.SampleBuffer;
import io.loadtcp.engine.metrics.SampleListener;
import io.loadtcp.engine.metrics.Tags;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes every sample of a run to a file in a {@link SampleFormat} (k6's {@code --out json=FILE} and
 * {@code --out csv=FILE}); gzip-compressed when the name ends in {@code .gz}, standard output for {@code -}.
 * The collector hands each second's samples over and goes on: formatting and writing happen on a thread of their own,
 * so a slow disk delays the file, never the run's collection or its scenarios. What was handed over is written
 * before {@link #close()} returns, also after a failed run. The file is flushed after every second's samples.
 * <p>
 * Samples waiting to be written are held in memory, so a writer that cannot keep up (a slow disk, a busy core) would
 * let them grow until the heap ran out and took the run with it. Past a budget, a quarter of the heap by default, the
 * seconds that do not fit are dropped and counted ({@link #dropped()}): the file is then incomplete, and says so.
 */
public final class SampleFileOutput implements SampleListener, AutoCloseable {
    /** Seconds of samples waiting to be written before the run is told the file falls behind. */
    private static final int BACKLOG_WARNING = 5;
    private static final List<SampleBuffer> END = List.of();
    private static final int CHUNK = 64 * 1024;
    /** What a waiting sample costs: four array slots (metric, tags, value, time), with room for the arrays' growth. */
    private static final int BYTES_PER_SAMPLE = 48;

    private final String name;
    private final SampleFormat format;
    private final Writer out;
    private final Consumer<String> warn;
    private final long backlogLimit;
    private final LinkedBlockingQueue<List<SampleBuffer>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong waiting = new AtomicLong(); // samples queued, not yet written
    private Thread writer;
    private volatile IOException failure;
    private volatile long written;
    private volatile long dropped; // written by the collector thread only
    private boolean warnedBacklog; // collector thread only
    private boolean closed;

    private SampleFileOutput(String name, SampleFormat format, Writer out, Consumer<String> warn, long backlogLimit) {
        this.name = name;
        this.format = format;
        this.out = out;
        this.warn = warn;
        this.backlogLimit = backlogLimit;
    }

    /**
     * Creates (or truncates) {@code file} and writes the format's header, so that a file that cannot be written is
     * known before the run starts; {@code -} writes to {@code standardOutput} instead, which stays open. {@code warn}
     * hears, once each, of a write failure and of a writer falling behind.
     */
    public static SampleFileOutput create(String file, SampleFormat format, OutputStream standardOutput,
                                          Consumer<String> warn) throws IOException {
        return create(file, format, standardOutput, warn, Runtime.getRuntime().maxMemory() / 4 / BYTES_PER_SAMPLE);
    }

    /** As {@link #create(String, SampleFormat, OutputStream, Consumer)}, holding at most {@code backlogLimit} samples waiting. */
    public static SampleFileOutput create(String file, SampleFormat format, OutputStream standardOutput,
                                          Consumer<String> warn, long backlogLimit) throws IOException {
        OutputStream stream = file.equals("-") ? new KeepOpen(standardOutput) : Files.newOutputStream(Path.of(file));
        if (file.endsWith(".gz")) stream = new FastGzip(stream);
        Writer writer = new OutputStreamWriter(new BufferedOutputStream(stream, CHUNK), StandardCharsets.UTF_8);
        try {
            writer.write(format.header());
            writer.flush();
        } catch (IOException e) {
            writer.close();
            throw e;
        }
        return new SampleFileOutput(file, format, writer, warn, backlogLimit);
    }

    /** The file's name as given ({@code -}: standard output). */
    public String name() {
        return name;
    }

    /** Samples written so far. */
    public long written() {
        return written;
    }

    /** Samples left out because too many were waiting to be written (the file is incomplete when this is not 0). */
    public long dropped() {
        return dropped;
    }

    /** Why the file is incomplete, or null: set when a write failed (the samples from then on are not written). */
    public IOException failure() {
        return failure;
    }

    @Override
    public synchronized void onStart(MetricRegistry registry, Consumer<String> stopRun) {
        if (writer != null || closed) return;
        writer = new Thread(this::writeUntilEnd, "loadtcp-out-file");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void onSamples(List<SampleBuffer> samples) {
        if (samples.isEmpty()) return;
        long count = count(samples);
        long before = waiting.get();
        if (before > 0 && before + count > backlogLimit) { // an empty queue takes any second, however large
            if (dropped == 0) {
                warn.accept("--out " + name + ": writing fell so far behind that " + before + " samples wait in"
                        + " memory; to protect the run, samples that do not fit are dropped until it catches up"
                        + " (the file will be incomplete)");
            }
            dropped += count;
            return;
        }
        waiting.addAndGet(count);
        queue.add(samples);
        if (!warnedBacklog && queue.size() > BACKLOG_WARNING) {
            warnedBacklog = true;
            warn.accept("--out " + name + ": writing falls behind the run (" + queue.size()
                    + " s of samples wait in memory); a file of every sample costs CPU and disk, see the README");
        }
    }

    @Override
    public void onInterval(long epochMillis, Map<Metric, Map<Tags, Aggregate>> interval, MetricsStore totals) {}

    private void writeUntilEnd() {
        StringBuilder text = new StringBuilder(CHUNK + 1024);
        try {
            while (true) {
                List<SampleBuffer> batch = queue.take();
                if (batch == END) return;
                if (failure == null) write(batch, text);
                waiting.addAndGet(-count(batch));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(List<SampleBuffer> batch, StringBuilder text) {
        long count = 0;
        try {
            for (SampleBuffer samples : batch) {
                for (int i = 0; i < samples.size(); i++) {
                    format.append(samples, i, text);
                    if (text.length() >= CHUNK) {
                        out.append(text);
                        text.setLength(0);
                    }
                }
                count += samples.size();
            }
            out.append(text);
            text.setLength(0);
            out.flush();
            written += count;
        } catch (IOException e) {
            text.setLength(0);
            failure = e;
            warn.accept("--out " + name + ": writing failed: " + message(e) + "; the samples from then on are not written");
        }
    }

    /**
     * Writes what is still waiting, then closes the file. Call after the run's last collection; a second call does
     * nothing. Failures are reported through {@link #failure()}.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) return;
            closed = true;
            t = writer;
        }
        try {
            queue.add(END);
            if (t != null) t.join();
            else writeUntilEnd(); // the run ended before it started (init failed): what its last collection gave
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) failure = e;
            }
        }
    }

    private static long count(List<SampleBuffer> batch) {
        long n = 0;
        for (SampleBuffer samples : batch) n += samples.size();
        return n;
    }

    private static String message(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * gzip at its fastest level: a busy run writes ~40 MB of JSON a second, which the default level could not keep up
     * with on a shared core (the file then lags the run); flushed in sync so the file can be read as it grows.
     */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, CHUNK, true);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Standard output, which closing a file output must leave open for the summary. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
