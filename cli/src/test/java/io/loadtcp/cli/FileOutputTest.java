package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --out json=FILE} and {@code --out csv=FILE}: every sample of a real run against the echo target. */
class FileOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension static final EchoTarget echo = new EchoTarget();
    @TempDir Path dir;

    private String echoScript(String extra) throws IOException {
        return CliRun.script(dir, "echo.js", """
                import { Socket } from "k6/x/tcp";
                import { check } from "k6";
                import exec from "k6/execution";
                export const options = { thresholds: { tcp_writes: ["count>0"], "tcp_reads{kind:echo}": ["count>0"] } };
                export default async function () {
                  const s = new Socket({ tags: { kind: "echo" } });
                  const echoed = new Promise((resolve) => s.on("data", resolve));
                  await s.connect(%d, "127.0.0.1");
                  await s.write("ping");
                  check(await echoed, { "4 bytes back": (d) => d.length === 4 });
                  s.destroy();
                  %s
                }
                """.formatted(echo.port(), extra));
    }

    @Test
    void jsonAndCsvHoldEverySampleTheSummaryCounts() throws Exception {
        Path json = dir.resolve("samples.json");
        Path csv = dir.resolve("samples.csv.gz");
        Path summary = dir.resolve("summary.json");
        CliRun r = CliRun.of("run", echoScript(""), "--vus", "2", "--duration", "2s", "--quiet",
                "--summary-export", summary.toString(), "--out", "json=" + json, "-o", "csv=" + csv + ",timeFormat=unix_milli");

        assertEquals(0, r.exitCode(), r.toString());
        JsonNode totals = JSON.readTree(summary.toFile()).get("metrics");
        List<JsonNode> lines = jsonLines(Files.readString(json));
        Map<String, Integer> points = new HashMap<>();
        Map<String, Double> sums = new HashMap<>();
        Map<String, JsonNode> declarations = new HashMap<>();
        long now = System.currentTimeMillis();
        for (JsonNode line : lines) {
            String metric = line.get("metric").asText();
            if (line.get("type").asText().equals("Metric")) {
                assertEquals(null, declarations.put(metric, line.get("data")), "declared once: " + metric);
                continue;
            }
            assertTrue(declarations.containsKey(metric), "declared before its first point: " + metric);
            points.merge(metric, 1, Integer::sum);
            sums.merge(metric, line.get("data").get("value").asDouble(), Double::sum);
            long at = java.time.Instant.parse(line.get("data").get("time").asText()).toEpochMilli();
            assertTrue(Math.abs(now - at) < 120_000, "a time of this run: " + line);
        }
        double iterations = totals.get("iterations").get("count").asDouble();
        assertTrue(iterations > 10, r.toString());
        assertEquals(iterations, (double) points.get("iterations"));
        assertEquals(iterations, (double) points.get("iteration_duration"));
        assertEquals(totals.get("tcp_writes").get("count").asDouble(), (double) points.get("tcp_writes"));
        assertEquals(totals.get("data_sent").get("count").asDouble(), (double) sums.get("data_sent"));
        assertEquals(totals.get("checks").get("passes").asDouble(), (double) sums.get("checks"));
        // Trend values in milliseconds, as the summary export has them.
        assertEquals(totals.get("tcp_socket_connecting").get("avg").asDouble(),
                sums.get("tcp_socket_connecting") / points.get("tcp_socket_connecting"), 0.01);
        assertEquals("trend", declarations.get("tcp_socket_connecting").get("type").asText());
        assertEquals("time", declarations.get("tcp_socket_connecting").get("contains").asText());
        assertEquals("[\"count>0\"]", declarations.get("tcp_writes").get("thresholds").toString());
        JsonNode write = lines.stream().filter(l -> l.get("metric").asText().equals("tcp_writes") && l.has("data")
                && l.get("data").has("tags")).findFirst().orElseThrow();
        assertEquals("{\"host\":\"127.0.0.1\",\"kind\":\"echo\",\"port\":\"" + echo.port()
                + "\",\"proto\":\"tcp\",\"scenario\":\"default\"}", write.get("data").get("tags").toString());

        List<String> rows;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(csv))) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertEquals("metric_name,timestamp,metric_value,check,error,error_code,group,method,name,proto,scenario,status,"
                + "subproto,tls_version,url,extra_tags", rows.get(0));
        int pointCount = points.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(pointCount, rows.size() - 1, "the same samples in both files");
        String writeRow = rows.stream().filter(l -> l.startsWith("tcp_writes,")).findFirst().orElseThrow();
        assertTrue(writeRow.matches("tcp_writes,\\d{13},1\\.000000,,,,,,,tcp,default,,,,,host=127\\.0\\.0\\.1&kind=echo&port=\\d+"),
                writeRow);
        assertTrue(r.err().contains("loadtcp: " + pointCount + " samples written to " + json), r.err());
        assertTrue(r.err().contains("loadtcp: " + pointCount + " samples written to " + csv), r.err());
    }

    @Test
    void aRunTheScriptAbortsKeepsTheSamplesRecordedUpToThen() throws Exception {
        Path json = dir.resolve("aborted.json");
        CliRun r = CliRun.of("run", echoScript("if (exec.scenario.iterationInTest === 4) exec.test.abort(\"enough\");"),
                "--iterations", "50", "--quiet", "--out", "json=" + json);

        assertEquals(ExitCodes.SCRIPT_ABORTED, r.exitCode(), r.toString());
        long iterations = jsonLines(Files.readString(json)).stream()
                .filter(l -> l.get("type").asText().equals("Point") && l.get("metric").asText().equals("iterations")).count();
        assertEquals((long) r.metricCount("iterations"), iterations, r.toString());
        assertTrue(iterations >= 4, r.toString());
    }

    @Test
    void dashWritesTheSamplesToStandardOutputBeforeTheSummary() throws Exception {
        // Enough samples that writing them takes longer than printing the summary: the order is not luck.
        String script = CliRun.script(dir, "many.js", """
                import { Counter } from "k6/metrics";
                const ticks = new Counter("ticks");
                export default function () { for (let i = 0; i < 50000; i++) ticks.add(1); }
                """);
        CliRun r = CliRun.of("run", script, "--iterations", "2", "--quiet", "--out", "json=-");

        assertEquals(0, r.exitCode(), r.toString());
        List<String> out = r.out().lines().toList();
        int lastPoint = -1;
        int summary = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).startsWith("{\"type\":\"Point\"")) lastPoint = i;
            if (out.get(i).contains("TOTAL RESULTS") && summary < 0) summary = i;
        }
        assertTrue(lastPoint >= 0 && summary > lastPoint, r.toString());
        assertEquals(2, out.stream().filter(l -> l.startsWith("{\"type\":\"Point\"") && l.endsWith("\"metric\":\"iterations\"}")).count());
        assertEquals(100_000, out.stream().filter(l -> l.endsWith("\"metric\":\"ticks\"}")).count() - 1, "and its declaration");
    }

    @Test
    void aFileThatFillsTheDiskEndsTheRunWithExitFourAndTheSummaryStillPrints() throws Exception {
        if (!Files.isWritable(Path.of("/dev/full"))) return; // no such device here
        CliRun r = CliRun.of("run", echoScript(""), "--iterations", "3", "--quiet", "--out", "json=/dev/full");

        assertEquals(ExitCodes.IO_ERROR, r.exitCode(), r.toString());
        assertTrue(r.err().contains("WARN --out /dev/full: writing failed: "), r.err());
        assertTrue(r.err().contains("ERRO --out: /dev/full is incomplete (0 samples written): "), r.err());
        assertEquals(3, r.metricCount("iterations"), "the summary is not lost");
    }

    @Test
    void withoutOutFlagsK6OutAndThenTheConfigFileChooseTheOutputs() throws Exception {
        String script = echoScript("");
        Path fromEnv = dir.resolve("env.csv");
        CliRun r = CliRun.withEnv(Map.of("K6_OUT", "csv=" + fromEnv + ",timeFormat=rfc3339"), "run", script, "--iterations", "2", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> rows = Files.readAllLines(fromEnv);
        assertTrue(rows.get(0).startsWith("metric_name,timestamp,metric_value"), rows.get(0));
        assertEquals(2, rows.stream().filter(l -> l.startsWith("iterations,")).count(), r.toString());
        assertTrue(rows.get(1).matches("[a-z_]+,\\d{4}-\\d\\d-\\d\\dT.*"), "the variable's option applied: " + rows.get(1));

        Path fromConfig = dir.resolve("config.json");
        Path config = Files.writeString(dir.resolve("options.json"), "{\"out\": [\"json=" + fromConfig + "\"]}");
        CliRun c = CliRun.of("run", script, "--iterations", "2", "--quiet", "--config", config.toString());
        assertEquals(0, c.exitCode(), c.toString());
        assertEquals(2, Files.readAllLines(fromConfig).stream()
                .filter(l -> l.startsWith("{\"type\":\"Point\"") && l.endsWith("\"metric\":\"iterations\"}")).count(), c.toString());

        assertRefused(CliRun.withEnv(Map.of("K6_OUT", "json=a.json,colour=blue"), "run", script), ExitCodes.INVALID_CONFIG,
                "in K6_OUT: --out json=a.json,colour=blue: unknown option 'colour=blue'");
    }

    @Test
    void badFileOutputsAreRefusedInOneLineBeforeTheRun() throws Exception {
        String script = CliRun.script(dir, "noop.js", "export default function () {}\n");
        assertRefused(CliRun.of("run", script, "--out", "json"), ExitCodes.INVALID_CONFIG, "--out json: the file to write is missing");
        assertRefused(CliRun.of("run", script, "--out", "csv=a.csv,timeFormat=iso"), ExitCodes.INVALID_CONFIG,
                "--out csv=a.csv,timeFormat=iso: unknown timeFormat 'iso': use unix, unix_milli, unix_micro, unix_nano, rfc3339 or rfc3339_nano");
        assertRefused(CliRun.of("run", script, "--out", "json=a.json,timeFormat=unix"), ExitCodes.INVALID_CONFIG,
                "unknown option 'timeFormat=unix'");
        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x");
        assertRefused(CliRun.of("run", script, "--out", "csv=fileName=" + notAFolder.resolve("s.csv")), ExitCodes.IO_ERROR,
                "--out csv: cannot write " + notAFolder.resolve("s.csv") + ": ");
    }

    private static void assertRefused(CliRun r, int exitCode, String message) {
        assertEquals(exitCode, r.exitCode(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("error:")).count(), r.toString());
        assertTrue(!r.out().contains("iterations"), "no run: " + r);
    }

    private static List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.lines().toList()) lines.add(JSON.readTree(line));
        return lines;
    }
}
