package io.loadtcp.engine.output.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Serves the run's metrics at {@code http://ADDRESS/metrics} for Prometheus to scrape, from the moment the run
 * starts until it is closed. The meters ({@link K6Meters}) are brought up to date at every metric collection (once a
 * second), on the collector thread; scrapes run on one thread of their own and only read.
 */
public final class PrometheusEndpoint implements MetricsListener, AutoCloseable {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final K6Meters meters;
    private final HttpServer server;
    private final ExecutorService scrapes;
    private final Object progress = new Object();
    private long updates; // guarded by progress
    private long updatesScraped; // the number of updates the last scrape saw; guarded by progress

    private PrometheusEndpoint(HttpServer server, Consumer<String> warn) {
        this.server = server;
        this.meters = new K6Meters(registry, warn);
        this.scrapes =
                Executors.newSingleThreadExecutor(Thread.ofPlatform().name("loadtcp-prometheus").daemon().factory());
        server.setExecutor(scrapes);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Listens on {@code address} (port 0: any free port, see {@link #address()}); {@code warn} hears of metrics that
     * cannot be exported. Fails with the JDK's exception when the address cannot be bound.
     */
    public static PrometheusEndpoint start(InetSocketAddress address, Consumer<String> warn) throws IOException {
        return new PrometheusEndpoint(HttpServer.create(address, 0), warn);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void onInterval(long epochMillis, Map<Metric, Map<Tags, Aggregate>> interval, MetricsStore totals) {
        meters.update(totals);
        synchronized (progress) {
            updates++;
        }
    }

    /**
     * Waits until a scrape has read the latest values, at most {@code max}: Prometheus scrapes on its own schedule
     * (15 s by default), so without this the last seconds of a run could end unseen. True when it was scraped.
     */
    public boolean awaitScrape(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (progress) {
            while (updatesScraped < updates) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                progress.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/metrics")) {
                respond(exchange, 404, "text/plain; charset=utf-8", "loadtcp serves its metrics at /metrics\n");
                return;
            }
            long seen;
            synchronized (progress) {
                seen = updates;
            }
            respond(exchange, 200, CONTENT_TYPE, registry.scrape());
            synchronized (progress) {
                updatesScraped = Math.max(updatesScraped, seen);
                progress.notifyAll();
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (head) return;
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        scrapes.shutdownNow();
        registry.close();
    }
}
