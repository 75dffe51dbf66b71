package io.loadtcp.engine.output.prometheus;

import io.airlift.compress.snappy.SnappyCompressor;
import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricType;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.Tags;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pushes the run's metrics to a Prometheus remote-write endpoint (k6's {@code experimental-prometheus-rw}): every push
 * interval, and once more with the final values when closed. Names and values are those of the scrape endpoint
 * ({@link K6Meters}): counters as {@code k6_x_total}, rates {@code k6_x_rate}, trends one series per statistic,
 * durations in seconds; every tag a label. Pushes run on a thread of their own, at most one at a time, so a slow
 * receiver never holds up metric collection.
 */
public final class PrometheusRemoteWrite implements MetricsListener, AutoCloseable {
    public static final Duration DEFAULT_PUSH_INTERVAL = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final long everyNanos;
    private final Consumer<String> warn;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ExecutorService pusher =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("loadtcp-prometheus-rw").daemon().factory());
    private final Set<String> warnedAbout = new HashSet<>(); // pusher thread only
    private MetricsStore store; // collector thread, then close()
    private boolean closed; // guarded by this
    private long lastPushNanos;
    private Future<?> inFlight;
    private volatile long pushed;
    private volatile String lastFailure;

    /** {@code warn} hears of each kind of failed push once. */
    public PrometheusRemoteWrite(URI url, Duration every, Consumer<String> warn) {
        this.url = url;
        this.everyNanos = every.toNanos();
        this.warn = warn;
        this.lastPushNanos = System.nanoTime();
    }

    public URI url() {
        return url;
    }

    /** Pushes that the receiver accepted. */
    public long pushed() {
        return pushed;
    }

    /** Why the last push failed, or null when it succeeded (or none was made). */
    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public synchronized void onInterval(long epochMillis, Map<Metric, Map<Tags, Aggregate>> interval, MetricsStore totals) {
        store = totals;
        long now = System.nanoTime();
        if (now - lastPushNanos < everyNanos || (inFlight != null && !inFlight.isDone())) return;
        lastPushNanos = now;
        inFlight = pusher.submit(() -> push(totals));
    }

    /**
     * Pushes the final values (waiting for a push in flight first), then stops. Call after the run's last collection;
     * a second call does nothing.
     */
    @Override
    public void close() {
        MetricsStore last;
        synchronized (this) {
            if (closed) return;
            closed = true;
            last = store;
        }
        try {
            if (last != null) pusher.submit(() -> push(last)).get(2 * TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            lastFailure = String.valueOf(e.getMessage());
        } finally {
            pusher.shutdownNow();
        }
    }

    private void push(MetricsStore totals) {
        long now = System.currentTimeMillis();
        WriteRequest request = requestOf(totals, now);
        if (request.series() == 0) return;
        byte[] body = snappy(request.toByteArray());
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-protobuf")
                    .header("Content-Encoding", "snappy")
                    .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                    .header("User-Agent", "loadtcp")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                pushed++;
                lastFailure = null;
            } else {
                failed("HTTP " + response.statusCode(), "HTTP " + response.statusCode() + ": "
                        + response.body().lines().findFirst().orElse("").strip());
            }
        } catch (IOException e) {
            failed(e.getClass().getSimpleName(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(String kind, String message) {
        lastFailure = message;
        if (warnedAbout.add(kind)) warn.accept("--out experimental-prometheus-rw: pushing to " + url + " failed: " + message);
    }

    /** Every series of the store as remote-write time series, each with one sample at {@code epochMillis}. */
    static WriteRequest requestOf(MetricsStore totals, long epochMillis) {
        WriteRequest request = new WriteRequest();
        for (Metric metric : totals.metrics()) {
            List<String> names = K6Meters.meterNames(metric);
            totals.forEachSeries(metric, (tags, aggregate) -> {
                double[] values = K6Meters.valuesOf(metric, aggregate);
                SortedMap<String, String> labels = labelsOf(tags);
                for (int i = 0; i < names.size(); i++) {
                    SortedMap<String, String> withName = new TreeMap<>(labels);
                    withName.put("__name__", names.get(i) + (metric.type() == MetricType.COUNTER ? "_total" : ""));
                    if (Double.isFinite(values[i])) request.add(withName, values[i], epochMillis);
                }
            });
        }
        return request;
    }

    /** Tags as labels: names made valid for Prometheus ({@code my-tag} → {@code my_tag}), empty values left out. */
    static SortedMap<String, String> labelsOf(Tags tags) {
        SortedMap<String, String> labels = new TreeMap<>();
        tags.asMap().forEach((name, value) -> {
            if (!value.isEmpty()) labels.putIfAbsent(labelName(name), value);
        });
        return labels;
    }

    static String labelName(String tag) {
        StringBuilder b = new StringBuilder(tag.length() + 1);
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (i == 0 && c >= '0' && c <= '9') b.append('_');
            b.append(ok || (c >= '0' && c <= '9') ? c : '_');
        }
        String name = b.isEmpty() ? "_" : b.toString();
        return name.startsWith("__") ? "tag" + name : name; // "__" names are Prometheus's own
    }

    private static byte[] snappy(byte[] raw) {
        SnappyCompressor compressor = new SnappyCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
        int n = compressor.compress(raw, 0, raw.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }
}
