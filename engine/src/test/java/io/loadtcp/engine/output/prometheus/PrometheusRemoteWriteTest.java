package io.loadtcp.engine.output.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.Tags;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushes to a receiver on loopback that keeps what it got; the real Prometheus is in the CLI's PrometheusServerTest. */
class PrometheusRemoteWriteTest {
    private final MetricsStore totals = new MetricsStore();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<String> headers = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private HttpServer receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/api/v1/write", exchange -> {
            headers.add(exchange.getRequestHeaders().getFirst("Content-Encoding") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("X-Prometheus-Remote-Write-Version"));
            bodies.add(exchange.getRequestBody().readAllBytes());
            byte[] reply = status == 204 ? new byte[0] : "out of order sample\nmore".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/api/v1/write");
    }

    private void add(Metric metric, Tags tags, double... values) {
        Map<Metric, Map<Tags, Aggregate>> interval = new HashMap<>();
        Aggregate a = Aggregate.newFor(metric.type());
        for (double v : values) a.add(v);
        interval.computeIfAbsent(metric, m -> new HashMap<>()).put(tags, a);
        totals.merge(interval);
    }

    private static String decompressed(byte[] body) {
        SnappyDecompressor d = new SnappyDecompressor();
        byte[] out = new byte[SnappyDecompressor.getUncompressedLength(body, 0)];
        int n = d.decompress(body, 0, body.length, out, 0, out.length);
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Test
    void pushesEverySeriesAsSnappyProtobufAtEachIntervalAndTheFinalValuesOnClose() throws Exception {
        add(BuiltinMetrics.TCP_WRITES, Tags.of("scenario", "default", "my-tag", "x", "empty", ""), 3);
        add(BuiltinMetrics.ITERATION_DURATION, Tags.of("scenario", "default"), 2e6);
        PrometheusRemoteWrite rw = new PrometheusRemoteWrite(url(), Duration.ofMillis(1), warnings::add);
        Thread.sleep(5);
        rw.onInterval(0, Map.of(), totals);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (bodies.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
        add(BuiltinMetrics.TCP_WRITES, Tags.of("scenario", "default", "my-tag", "x", "empty", ""), 4);
        rw.close();

        assertEquals(2, bodies.size(), "one push at the interval, one on close");
        assertEquals(2, rw.pushed());
        assertNull(rw.lastFailure());
        assertEquals("snappy application/x-protobuf 0.1.0", headers.get(0));
        String last = decompressed(bodies.get(1));
        // Labels as protobuf strings: field tag, length, bytes. Sorted, with the tag name made valid and "" left out.
        assertTrue(last.contains("\n\u0008__name__\u0012\u0013k6_tcp_writes_total"), last);
        assertTrue(last.contains("\n\u0006my_tag\u0012\u0001x"), last);
        assertTrue(!last.contains("empty"), last);
        assertTrue(last.contains("k6_iteration_duration_p99"), last);
        // Sorted within the series (the series themselves come in no set order: look from this one's name on).
        int series = last.indexOf("k6_tcp_writes_total");
        assertTrue(series < last.indexOf("my_tag", series) && last.indexOf("my_tag", series) < last.indexOf("scenario", series), last);
        // The counter's value, 7, as a little-endian double after the sample's field tag (0x09).
        long bits = Double.doubleToRawLongBits(7.0);
        StringBuilder seven = new StringBuilder("\t");
        for (int i = 0; i < 8; i++) seven.append((char) ((bits >>> (8 * i)) & 0xFF));
        assertTrue(last.contains(seven), "the final total");
        assertEquals(List.of(), warnings);
    }

    @Test
    void aReceiverThatRefusesIsReportedOnceWithItsAnswer() throws Exception {
        status = 400;
        add(BuiltinMetrics.TCP_WRITES, Tags.EMPTY, 1);
        PrometheusRemoteWrite rw = new PrometheusRemoteWrite(url(), Duration.ofHours(1), warnings::add);
        rw.onInterval(0, Map.of(), totals); // not due: nothing pushed before close
        assertEquals(0, bodies.size());
        rw.close();

        assertEquals(1, bodies.size());
        assertEquals("HTTP 400: out of order sample", rw.lastFailure());
        assertEquals(List.of("--out experimental-prometheus-rw: pushing to " + url() + " failed: HTTP 400: out of order sample"),
                warnings);
    }

    @Test
    void tagNamesBecomeValidLabelNames() {
        List<String> names = new ArrayList<>();
        for (String tag : List.of("scenario", "my-tag", "9lives", "a.b", "__name__", "ü")) names.add(PrometheusRemoteWrite.labelName(tag));
        assertEquals(List.of("scenario", "my_tag", "_9lives", "a_b", "tag__name__", "_"), names);
    }
}
