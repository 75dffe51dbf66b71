package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loadtcp.engine.testing.TestMachine;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (the Debian package; CI installs it, see .ci/run) scrapes {@code run --out prometheus=…}
 * every second, or receives {@code --out experimental-prometheus-rw} pushes, and its query API then holds the totals
 * the summary shows.
 */
class PrometheusServerTest {
    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]");

    @RegisterExtension static final EchoTarget echo = new EchoTarget();
    @TempDir Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusScrapesTheRunUnderK6Names() throws Exception {
        assumeTrue(TestMachine.onPath("prometheus"), "prometheus not installed");
        int endpointPort = TestMachine.freeLoopbackPort();
        int prometheusPort = TestMachine.freeLoopbackPort();
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: loadtcp
                    static_configs: [{ targets: ["127.0.0.1:%d"] }]
                """.formatted(endpointPort));
        Process prometheus = startPrometheus(prometheusPort);
        try {
            awaitReady(prometheusPort, prometheus);
            String script = echoScript("{}");

            CliRun r = CliRun.of("run", script, "--vus", "2", "--duration", "3s", "--quiet",
                    "--out", "prometheus=127.0.0.1:" + endpointPort + ",linger=30s");

            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(!r.err().contains("were not scraped"), "Prometheus scraped the final values: " + r.err());
            assertHoldsTheSummary(prometheusPort, r, "job=\"loadtcp\",proto=\"tcp\",scenario=\"default\"");
        } finally {
            stop(prometheus);
        }
    }

    @Test
    void prometheusReceivesTheRunThroughRemoteWrite() throws Exception {
        assumeTrue(TestMachine.onPath("prometheus"), "prometheus not installed");
        int prometheusPort = TestMachine.freeLoopbackPort();
        Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1m\n");
        Process prometheus = startPrometheus(prometheusPort, "--web.enable-remote-write-receiver");
        try {
            awaitReady(prometheusPort, prometheus);
            String script = echoScript("{ tags: { \"kind-of\": \"echo\" } }");

            CliRun r = CliRun.withEnv(Map.of("K6_PROMETHEUS_RW_PUSH_INTERVAL", "1s"), "run", script,
                    "--vus", "2", "--duration", "3s", "--quiet",
                    "--out", "experimental-prometheus-rw=http://127.0.0.1:" + prometheusPort + "/api/v1/write");

            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.err().matches("(?s).*loadtcp: [3-9] pushes to http://127\\.0\\.0\\.1:" + prometheusPort
                    + "/api/v1/write, the last with the final values.*"), "pushed every second, then once more: " + r.err());
            assertHoldsTheSummary(prometheusPort, r, "kind_of=\"echo\",proto=\"tcp\",scenario=\"default\"");
        } finally {
            stop(prometheus);
        }
    }

    private Process startPrometheus(int port, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("prometheus",
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    private static void stop(Process prometheus) throws InterruptedException {
        prometheus.destroy();
        if (!prometheus.waitFor(10, TimeUnit.SECONDS)) prometheus.destroyForcibly().waitFor();
    }

    /** Prometheus's query API holds the run's totals: the summary's iterations, its tcp_writes on {@code writesLabels}, … */
    private void assertHoldsTheSummary(int port, CliRun r, String writesLabels) throws Exception {
        assertEquals(r.metricCount("iterations"), query(port, "sum(k6_iterations_total)"), 0.0, r.toString());
        assertEquals(r.metricCount("tcp_writes"), query(port, "sum(k6_tcp_writes_total{" + writesLabels + "})"), 0.0);
        assertTrue(query(port, "max(k6_tcp_socket_connecting_p99)") > 0);
        assertEquals(2, query(port, "max(k6_vus_max)"), 0.0);
    }

    /** One echo per iteration, on a socket made with {@code socketOptions}. */
    private String echoScript(String socketOptions) throws IOException {
        return CliRun.script(dir, "echo.js", """
                import { Socket } from "k6/x/tcp";
                export default async function () {
                  const s = new Socket(%s);
                  const echoed = new Promise((resolve) => s.on("data", resolve));
                  await s.connect(%d, "127.0.0.1");
                  await s.write("ping");
                  await echoed;
                  s.destroy();
                  await new Promise((r) => setTimeout(r, 20));
                }
                """.formatted(socketOptions, echo.port()));
    }

    private void awaitReady(int port, Process prometheus) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertTrue(prometheus.isAlive(), () -> "prometheus exited: " + log());
            try {
                if (get(port, "/-/ready").statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("prometheus not ready within 30 s: " + log());
    }

    /** The value of an instant query that returns one sample. */
    private double query(int port, String promql) throws Exception {
        HttpResponse<String> r = get(port, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        Matcher m = VALUE.matcher(r.body());
        assertTrue(r.statusCode() == 200 && m.find(), () -> promql + " → " + r.body());
        return Double.parseDouble(m.group(1));
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
