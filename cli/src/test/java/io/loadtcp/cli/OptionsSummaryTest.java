package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's options from real runs: --summary-export, trend stats, time unit, full mode. */
class OptionsSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void aSummaryExportThatCannotBeWrittenSaysWhyAndTheSummaryStillPrints() throws Exception {
        String path = CliRun.script(dir, "ok.js", "export default function () {}\n");
        Path file = java.nio.file.Files.writeString(dir.resolve("plain.txt"), "not a folder");
        Path export = file.resolve("summary.json");
        CliRun r = CliRun.of("run", path, "--summary-export", export.toString(), "--quiet");
        assertEquals(ExitCodes.IO_ERROR, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: cannot write the summary export " + export + ": " + file
                + ": exists, and is not a folder"), r.toString());
        assertTrue(r.out().contains("TOTAL RESULTS"), "the summary is not lost\n" + r);
    }

    @Test
    void summaryExportWritesK6sJsonShape() throws Exception {
        String path = CliRun.script(dir, "export.js", """
                import { check, group, sleep } from "k6";
                export const options = { iterations: 4, thresholds: {
                  iteration_duration: ["p(95)<10000"], checks: ["rate>0.99"] } };
                export default async function () {
                  check(__ITER, { "even": (i) => i % 2 === 0 });
                  group("inner", () => { check(1, { "always": (v) => v === 1 }); });
                  await sleep(0.02);
                }
                """);
        Path export = dir.resolve("out/summary.json");
        CliRun r = CliRun.of("run", path, "--summary-export", export.toString(), "--quiet");
        assertEquals(ExitCodes.THRESHOLDS_FAILED, r.exitCode(), r.toString());
        JsonNode json = JSON.readTree(export.toFile());

        JsonNode metrics = json.get("metrics");
        assertEquals(4, metrics.at("/iterations/count").asDouble(), json.toPrettyString());
        assertTrue(metrics.at("/iterations/rate").asDouble() > 0, json.toPrettyString());
        double p95 = metrics.get("iteration_duration").get("p(95)").asDouble();
        assertTrue(p95 >= 15 && p95 < 2000, "p(95) of a 20 ms iteration, in ms: " + p95);
        for (String key : new String[] {"avg", "min", "med", "max", "p(90)", "p(95)"}) {
            assertTrue(metrics.get("iteration_duration").has(key), key + " in " + metrics.get("iteration_duration"));
        }
        assertEquals(6, metrics.at("/checks/passes").asLong(), json.toPrettyString());
        assertEquals(2, metrics.at("/checks/fails").asLong(), json.toPrettyString());
        assertEquals(0.75, metrics.at("/checks/value").asDouble(), 1e-9, "k6 names a rate's rate 'value' here");
        assertFalse(metrics.get("iteration_duration").get("thresholds").get("p(95)<10000").asBoolean(),
                "k6 writes true for a failed threshold");
        assertTrue(metrics.get("checks").get("thresholds").get("rate>0.99").asBoolean());
        assertEquals(1, metrics.at("/vus_max/value").asDouble());

        JsonNode root = json.get("root_group");
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", root.get("id").asText());
        assertEquals(2, root.at("/checks/even/passes").asLong(), root.toPrettyString());
        assertEquals(2, root.at("/checks/even/fails").asLong(), root.toPrettyString());
        JsonNode inner = root.get("groups").get("inner");
        assertEquals("::inner", inner.get("path").asText());
        assertEquals(4, inner.at("/checks/always/passes").asLong(), root.toPrettyString());
        assertEquals("::inner::always", inner.at("/checks/always/path").asText());
    }

    @Test
    void summaryTrendStatsChangeTheTrendLines() throws Exception {
        String path = CliRun.script(dir, "t.js", "export const options = { iterations: 5 };\nexport default function () {}\n");
        CliRun r = CliRun.of("run", path, "--summary-trend-stats", "avg,p(99.9),count", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        String line = r.metricLine("iteration_duration");
        assertTrue(line.matches(".*: avg=\\S+ p\\(99\\.9\\)=\\S+ count=5$"), line);

        CliRun fromEnv = CliRun.withEnv(Map.of("K6_SUMMARY_TREND_STATS", "min,max"), "run", path, "--quiet");
        assertTrue(fromEnv.metricLine("iteration_duration").matches(".*: min=\\S+ max=\\S+$"), fromEnv.toString());
    }

    @Test
    void summaryTimeUnitShowsEveryTimeInThatUnit() throws Exception {
        String path = CliRun.script(dir, "t.js", """
                export const options = { iterations: 3, thresholds: { iteration_duration: ["p(95)<5000"] } };
                export default function () {}
                """);
        CliRun r = CliRun.of("run", path, "--summary-time-unit", "ms", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        String line = r.metricLine("iteration_duration");
        assertTrue(line.matches(".*: avg=[\\d.]+ms min=[\\d.]+ms med=[\\d.]+ms max=[\\d.]+ms p\\(90\\)=[\\d.]+ms p\\(95\\)=[\\d.]+ms$"),
                line);
        assertTrue(r.out().matches("(?s).*✓ 'p\\(95\\)<5000' p\\(95\\)=[\\d.]+ms.*"), r.toString());

        CliRun seconds = CliRun.of("run", path, "--summary-time-unit", "s", "--quiet");
        assertTrue(seconds.metricLine("iteration_duration").matches(".*: avg=[\\d.]+s min=.*"), seconds.toString());
    }

    @Test
    void fullModeShowsEachScenarioAndGroup() throws Exception {
        String path = CliRun.script(dir, "two.js", """
                import { group } from "k6";
                export const options = { scenarios: {
                  alpha: { executor: "per-vu-iterations", vus: 2, iterations: 3, exec: "a" },
                  beta: { executor: "shared-iterations", iterations: 4, exec: "b" },
                } };
                export function a() { group("login", () => {}); }
                export function b() {}
                """);
        CliRun compact = CliRun.of("run", path, "--quiet");
        assertEquals(0, compact.exitCode(), compact.toString());
        assertFalse(compact.out().contains("SCENARIO:"), compact.toString());

        CliRun full = CliRun.of("run", path, "--summary-mode", "full", "--quiet");
        assertEquals(0, full.exitCode(), full.toString());
        String out = full.out();
        int alpha = out.indexOf("█ SCENARIO: alpha");
        int beta = out.indexOf("█ SCENARIO: beta");
        int login = out.indexOf("█ GROUP: ::login");
        assertTrue(alpha > 0 && beta > alpha && login > beta, out);
        assertEquals(10, iterationsIn(out.substring(0, alpha)), out);
        assertEquals(6, iterationsIn(out.substring(alpha, beta)), out);
        assertEquals(4, iterationsIn(out.substring(beta, login)), out);
        assertTrue(out.substring(login).contains("group_duration"), out);
    }

    private static double iterationsIn(String section) {
        String line = section.lines().map(String::trim).filter(l -> l.startsWith("iterations.")).findFirst()
                .orElseThrow(() -> new AssertionError("no iterations line in:\n" + section));
        return Double.parseDouble(line.replaceFirst("^[^:]*:\\s*", "").split("\\s+")[0]);
    }
}
