package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k6's option layers from real runs: config file < script options < environment < flags; errors all at once. */
class OptionsPrecedenceTest {
    @TempDir Path dir;

    @Test
    void eachLayerOverridesTheOneBelow() throws Exception {
        String config = CliRun.script(dir, "config.json", "{\"vus\": 2, \"iterations\": 20}");
        String plain = CliRun.script(dir, "plain.js", "export default function () {}\n");
        String withVus = CliRun.script(dir, "vus.js", "export const options = { vus: 3 };\nexport default function () {}\n");

        CliRun fromConfig = CliRun.of("run", plain, "--config", config, "--quiet");
        assertEquals(0, fromConfig.exitCode(), fromConfig.toString());
        assertEquals(2, fromConfig.metricCount("vus_max"), fromConfig.toString());
        assertEquals(20, fromConfig.metricCount("iterations"), fromConfig.toString());

        CliRun fromScript = CliRun.of("run", withVus, "--config", config, "--quiet");
        assertEquals(3, fromScript.metricCount("vus_max"), fromScript.toString());

        CliRun fromEnv = CliRun.withEnv(Map.of("K6_VUS", "4"), "run", withVus, "--config", config, "--quiet");
        assertEquals(4, fromEnv.metricCount("vus_max"), fromEnv.toString());

        CliRun fromFlag = CliRun.withEnv(Map.of("K6_VUS", "4"), "run", withVus, "--config", config, "--vus", "5", "--quiet");
        assertEquals(5, fromFlag.metricCount("vus_max"), fromFlag.toString());
        // sampled when the scenario starts, not only each second: this run is shorter than that
        assertTrue(fromFlag.metricLine("vus").contains("max=5"), fromFlag.toString());
        assertEquals(20, fromFlag.metricCount("iterations"), "the config's iterations still apply\n" + fromFlag);
    }

    @Test
    void loadtcpVariablesWinOverK6Ones() throws Exception {
        String path = CliRun.script(dir, "t.js", """
                export const options = { thresholds: { iterations: ["count>1000"] } };
                export default function () {}
                """);
        CliRun r = CliRun.withEnv(Map.of("K6_VUS", "2", "LOADTCP_VUS", "3", "K6_ITERATIONS", "7",
                "K6_NO_THRESHOLDS", "true"), "run", path, "--quiet");
        assertEquals(0, r.exitCode(), "K6_NO_THRESHOLDS drops the failing threshold\n" + r);
        assertEquals(3, r.metricCount("vus_max"), r.toString());
        assertEquals(7, r.metricCount("iterations"), r.toString());
        assertFalse(r.out().contains("THRESHOLDS"), r.toString());
    }

    @Test
    void aLayerWithAShortcutReplacesTheScenariosBelow() throws Exception {
        String path = CliRun.script(dir, "s.js", """
                export const options = { scenarios: { many: { executor: "shared-iterations", vus: 2, iterations: 50 } } };
                export default function () {}
                """);
        CliRun r = CliRun.withEnv(Map.of("LOADTCP_ITERATIONS", "3"), "run", path, "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(3, r.metricCount("iterations"), r.toString());
    }

    @Test
    void problemsFromEveryLayerAreReportedTogether() throws Exception {
        String config = CliRun.script(dir, "config.json", "{\"summaryMode\": \"huge\"}");
        String path = CliRun.script(dir, "bad.js", """
                export const options = { thresholds: { iterations: "count>1" } };
                export default function () {}
                """);
        CliRun r = CliRun.withEnv(Map.of("K6_VUS", "many"), "run", path, "--config", config,
                "--summary-time-unit", "fortnights", "--summary-trend-stats", "avg,p(101)");
        assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode(), r.toString());
        String line = r.err().lines().filter(l -> l.contains("invalid options")).findFirst().orElseThrow(() -> new AssertionError(r));
        for (String expected : new String[] {"K6_VUS must be a whole number", "summaryMode must be compact or full",
                "thresholds on iterations must be an array", "summaryTimeUnit must be one of", "unknown stat \"p(101)\""}) {
            assertTrue(line.contains(expected), "missing '" + expected + "' in: " + line);
        }
    }

    @Test
    void aMissingConfigFileIsExit4AndABrokenOneExit104() throws Exception {
        String path = CliRun.script(dir, "t.js", "export default function () {}\n");
        CliRun missing = CliRun.of("run", path, "--config", dir.resolve("nope.json").toString());
        assertEquals(ExitCodes.IO_ERROR, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("config file") && missing.err().contains("not found"), missing.toString());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"vus\": 2,,}");
        CliRun bad = CliRun.of("run", path, "--config", broken.toString());
        assertEquals(ExitCodes.INVALID_CONFIG, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("is not valid JSON (line 1"), bad.toString());
        assertEquals(1, bad.err().lines().filter(l -> !l.isBlank()).count(), "one line\n" + bad);
    }

    @Test
    void flagTagsAndScriptTagsLandOnEverySample() throws Exception {
        String path = CliRun.script(dir, "tags.js", """
                export const options = { iterations: 3, tags: { team: "core" },
                  thresholds: { "iterations{team:core,env:staging}": ["count==3"], "iterations{env:prod}": ["count==0"] } };
                export default function () {}
                """);
        CliRun r = CliRun.of("run", path, "--tag", "env=staging", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("✓ 'count==3' count=3"), r.toString());
    }
}
