package io.loadtcp.engine.output.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.CounterAggregate;
import io.loadtcp.engine.metrics.GaugeAggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.RateAggregate;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.metrics.TrendAggregate;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {
    private static final Tags SOCKET = Tags.of("scenario", "default", "proto", "tcp", "host", "127.0.0.1", "port", "7000");

    private final HttpClient http = HttpClient.newHttpClient();
    private final MetricsStore totals = new MetricsStore();
    private final List<String> warnings = new ArrayList<>();
    private PrometheusEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = PrometheusEndpoint.start(new InetSocketAddress("127.0.0.1", 0), warnings::add);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void servesEachMetricTypeUnderK6sRemoteWriteNames() throws Exception {
        add(BuiltinMetrics.TCP_READS, SOCKET, 3);
        add(BuiltinMetrics.DATA_SENT, SOCKET, 192);
        add(BuiltinMetrics.VUS, Tags.EMPTY, 7);
        add(BuiltinMetrics.CHECKS, Tags.of("check", "echoed"), 1, 1, 1, 0);
        // 1..100 ms: p(99) 99 ms, avg 50.5 ms, in seconds as k6's remote write has them
        double[] nanos = new double[100];
        for (int i = 0; i < 100; i++) nanos[i] = (i + 1) * 1e6;
        add(BuiltinMetrics.ITERATION_DURATION, Tags.of("scenario", "default"), nanos);
        endpoint.onInterval(0, Map.of(), totals);

        String text = scrape();

        assertSample(text, "k6_tcp_reads_total{host=\"127.0.0.1\",port=\"7000\",proto=\"tcp\",scenario=\"default\"}", 3);
        assertSample(text, "k6_data_sent_total{host=\"127.0.0.1\",port=\"7000\",proto=\"tcp\",scenario=\"default\"}", 192);
        assertSample(text, "k6_vus", 7);
        assertSample(text, "k6_checks_rate{check=\"echoed\"}", 0.75);
        assertSample(text, "k6_iteration_duration_p99{scenario=\"default\"}", 0.099);
        assertSample(text, "k6_iteration_duration_avg{scenario=\"default\"}", 0.0505);
        assertSample(text, "k6_iteration_duration_min{scenario=\"default\"}", 0.001);
        assertSample(text, "k6_iteration_duration_max{scenario=\"default\"}", 0.1);
        assertTrue(text.contains("# TYPE k6_tcp_reads_total counter"), text);
        assertTrue(text.contains("# TYPE k6_vus gauge"), text);
        assertEquals(List.of(), warnings);
    }

    @Test
    void valuesAreTheRunsTotalsAtTheLatestCollection() throws Exception {
        add(BuiltinMetrics.TCP_WRITES, SOCKET, 2);
        endpoint.onInterval(0, Map.of(), totals);
        assertSample(scrape(), "k6_tcp_writes_total{host=\"127.0.0.1\",port=\"7000\",proto=\"tcp\",scenario=\"default\"}", 2);

        add(BuiltinMetrics.TCP_WRITES, SOCKET, 5);
        endpoint.onInterval(1000, Map.of(), totals);
        assertSample(scrape(), "k6_tcp_writes_total{host=\"127.0.0.1\",port=\"7000\",proto=\"tcp\",scenario=\"default\"}", 7);
    }

    @Test
    void aSeriesWithATagNameNewToItsMetricReRegistersTheMetricWithEveryLabel() throws Exception {
        add(BuiltinMetrics.TCP_WRITES, SOCKET, 2);
        endpoint.onInterval(0, Map.of(), totals);
        add(BuiltinMetrics.TCP_WRITES, SOCKET.with("kind", "login"), 1);
        endpoint.onInterval(1000, Map.of(), totals);

        String text = scrape();

        // Prometheus wants one label set per name: the series without the tag gets it empty (to Prometheus, absent)
        assertSample(text, "k6_tcp_writes_total{host=\"127.0.0.1\",kind=\"\",port=\"7000\",proto=\"tcp\",scenario=\"default\"}", 2);
        assertSample(text, "k6_tcp_writes_total{host=\"127.0.0.1\",kind=\"login\",port=\"7000\",proto=\"tcp\",scenario=\"default\"}", 1);
        assertEquals(List.of(), warnings);
    }

    @Test
    void awaitScrapeReturnsOnceTheLatestValuesWereScraped() throws Exception {
        add(BuiltinMetrics.ITERATIONS, Tags.EMPTY, 1);
        endpoint.onInterval(0, Map.of(), totals);
        assertFalse(endpoint.awaitScrape(Duration.ofMillis(100)), "nobody scraped yet");

        Thread scraper = new Thread(() -> {
            try {
                Thread.sleep(200);
                scrape();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        scraper.start();
        assertTrue(endpoint.awaitScrape(Duration.ofSeconds(10)));
        scraper.join();

        endpoint.onInterval(1000, Map.of(), totals);
        assertFalse(endpoint.awaitScrape(Duration.ofMillis(50)), "a newer collection has not been scraped");
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
    }

    private void add(Metric metric, Tags tags, double... values) {
        Aggregate aggregate = switch (metric.type()) {
            case COUNTER -> new CounterAggregate();
            case GAUGE -> new GaugeAggregate();
            case RATE -> new RateAggregate();
            case TREND -> new TrendAggregate();
        };
        for (double v : values) aggregate.add(v);
        Map<Metric, Map<Tags, Aggregate>> interval = new HashMap<>();
        interval.put(metric, Map.of(tags, aggregate));
        totals.merge(interval);
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return r.body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path);
    }

    private static void assertSample(String text, String series, double expected) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                assertEquals(expected, Double.parseDouble(line.substring(series.length() + 1).trim()), expected * 0.002, line);
                return;
            }
        }
        throw new AssertionError("no sample " + series + " in:\n" + text);
    }
}
