package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.testing.TestMachine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --out prometheus=…} against the echo target, scraped over HTTP as Prometheus would. */
class PrometheusOutputTest {
    @RegisterExtension static final EchoTarget echo = new EchoTarget();
    @TempDir Path dir;

    @Test
    void servesTheRunsMetricsWhileItRunsAndWaitsForTheFinalScrape() throws Exception {
        int port = TestMachine.freeLoopbackPort();
        String script = CliRun.script(dir, "echo.js", """
                import { Socket } from "k6/x/tcp";
                export default async function () {
                  const s = new Socket({ tags: { kind: "echo" } });
                  const echoed = new Promise((resolve) => s.on("data", resolve));
                  await s.connect(%d, "127.0.0.1");
                  await s.write("ping");
                  await echoed;
                  s.destroy();
                  await new Promise((r) => setTimeout(r, 50));
                }
                """.formatted(echo.port()));
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", script, "--vus", "2",
                "--duration", "3s", "--quiet", "--out", "prometheus=127.0.0.1:" + port + ",linger=30s"));
        List<String> scrapes = new CopyOnWriteArrayList<>();
        List<String> scrapesDuringRun = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        while (!run.isDone() && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)) {
            Thread.sleep(200);
            String body = scrape(http, port);
            if (body == null) continue;
            scrapes.add(body);
            if (System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(2500)) scrapesDuringRun.add(body);
        }
        CliRun r = run.get(5, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Prometheus metrics at http://127.0.0.1:" + port + "/metrics"), r.err());
        assertTrue(r.err().contains("waiting up to 30s for Prometheus to scrape the final values"), r.err());
        assertTrue(seconds < 20, "the final scrape ended the wait: " + seconds + "s");
        assertTrue(scrapesDuringRun.stream().anyMatch(s -> sum(s, "k6_tcp_writes_total") > 0),
                "tcp_writes counted while the run went on: " + scrapesDuringRun);
        String last = scrapes.get(scrapes.size() - 1);
        // The final scrape holds the totals the summary shows.
        assertEquals(r.metricCount("iterations"), sum(last, "k6_iterations_total"), last);
        assertEquals(r.metricCount("tcp_writes"), sum(last, "k6_tcp_writes_total"), last);
        assertTrue(last.contains("k6_tcp_writes_total{host=\"127.0.0.1\",kind=\"echo\",port=\"" + echo.port()
                + "\",proto=\"tcp\",scenario=\"default\"}"), last);
        assertTrue(last.contains("k6_tcp_socket_connecting_p99{"), last);
        assertTrue(last.contains("k6_vus_max 2"), last);
    }

    @Test
    void aLingerNobodyScrapesEndsWithAWarning() throws Exception {
        String script = CliRun.script(dir, "noop.js", "export default function () {}\n");

        CliRun r = CliRun.of("run", script, "--iterations", "3", "--quiet", "--out", "prometheus=127.0.0.1:0,linger=300ms");

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("WARN the final values were not scraped within 300ms"), r.err());
        assertEquals(3, r.metricCount("iterations"));
    }

    @Test
    void badOutputsAreRefusedInOneLineBeforeTheRun() throws Exception {
        String script = CliRun.script(dir, "noop.js", "export default function () {}\n");
        assertRefused(CliRun.of("run", script, "--out", "influxdb=http://127.0.0.1:8086/k6"), ExitCodes.INVALID_CONFIG,
                "unknown output \"influxdb\" in --out influxdb=http://127.0.0.1:8086/k6: use --out prometheus=HOST:PORT[,linger=DURATION], --out experimental-prometheus-rw[=URL][,pushInterval=DURATION], "
                + "--out json=FILE or --out csv=FILE[,timeFormat=FORMAT]");
        assertRefused(CliRun.of("run", script, "--out", "prometheus"), ExitCodes.INVALID_CONFIG,
                "--out prometheus: the address to listen on is missing");
        assertRefused(CliRun.of("run", script, "--out", "prometheus=127.0.0.1:9464,linger=soon"), ExitCodes.INVALID_CONFIG,
                "invalid linger \"soon\"");
        assertRefused(CliRun.of("run", script, "--out", "prometheus=127.0.0.1:9464,every=1s"), ExitCodes.INVALID_CONFIG,
                "unknown option 'every=1s'");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertRefused(CliRun.of("run", script, "--out", "prometheus=127.0.0.1:" + taken.getLocalPort()), ExitCodes.IO_ERROR,
                    "--out prometheus: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        assertRefused(CliRun.of("run", script, "--out", "experimental-prometheus-rw=ftp://127.0.0.1/write"), ExitCodes.INVALID_CONFIG,
                "'ftp://127.0.0.1/write' is not an http(s) URL such as http://localhost:9090/api/v1/write");
        assertRefused(CliRun.of("run", script, "--out", "experimental-prometheus-rw,pushInterval=0s"), ExitCodes.INVALID_CONFIG,
                "pushInterval must be more than 0");
        assertRefused(CliRun.withEnv(java.util.Map.of("K6_PROMETHEUS_RW_SERVER_URL", "not a url"), "run", script,
                "--out", "experimental-prometheus-rw"), ExitCodes.INVALID_CONFIG, "'not a url' is not an http(s) URL");
        assertRefused(CliRun.of("run", script, "--out", "experimental-prometheus-rw,every=1s"), ExitCodes.INVALID_CONFIG,
                "unknown option 'every=1s'");
    }

    @Test
    void aRemoteWriteReceiverThatCannotBeReachedIsAWarningNotAFailedRun() throws Exception {
        String script = CliRun.script(dir, "noop.js", "export default function () {}\n");
        int closed = TestMachine.freeLoopbackPort();

        CliRun r = CliRun.of("run", script, "--iterations", "3", "--quiet",
                "--out", "experimental-prometheus-rw=http://127.0.0.1:" + closed + "/api/v1/write");

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("WARN --out experimental-prometheus-rw: pushing to http://127.0.0.1:" + closed
                + "/api/v1/write failed: "), r.err());
        assertTrue(r.err().contains("WARN --out experimental-prometheus-rw: the final values did not reach"), r.err());
        assertEquals(3, r.metricCount("iterations"));
    }

    private static void assertRefused(CliRun r, int exitCode, String message) {
        assertEquals(exitCode, r.exitCode(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("error:")).count(), r.toString());
        assertTrue(!r.out().contains("iterations"), "no run: " + r);
    }

    private static String scrape(HttpClient http, int port) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null; // not listening yet, or already closed
        }
    }

    /** The sum of every series of {@code name} in a scrape. */
    private static double sum(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
