package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** setup/teardown with data, k6/metrics, k6/execution, group and check tags: real scripts, real summaries. */
class LifecycleAndModulesTest {
    @TempDir Path dir;

    private CliRun run(String source, String... args) throws Exception {
        String path = CliRun.script(dir, "s.js", source);
        String[] all = new String[args.length + 2];
        all[0] = "run";
        all[1] = path;
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.of(all);
    }

    @Test
    void setupDataReachesEveryIterationAndTeardown() throws Exception {
        CliRun r = run("""
                import { check } from "k6";
                export const options = { vus: 2, iterations: 6 };
                export function setup() { console.log("setup on VU " + __VU); return { token: "abc", n: [1, 2] }; }
                export default function (data) {
                  check(data, { "data from setup": (d) => d.n.length === 2 && (d.token === "abc" || d.token === "VU " + __VU) });
                  data.token = "VU " + __VU; // each VU has its own copy (kept across its iterations, as in k6)
                }
                export function teardown(data) { console.log("teardown sees " + JSON.stringify(data)); }
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 6 out of 6"), "no VU sees another VU's change:\n" + r);
        assertTrue(r.err().contains("setup on VU 0"), r.toString());
        assertTrue(r.err().contains("teardown sees {\"token\":\"abc\""), "teardown gets the pristine setup data:\n" + r);
        // As in k6, setup() and teardown() are not iterations of the test (their time is in iteration_duration).
        assertEquals(6, r.metricCount("iterations"), r.toString());
        assertTrue(r.out().contains("6 complete and 0 interrupted iterations"), r.toString());
    }

    @Test
    void asyncSetupMayUseSockets() throws Exception {
        CliRun r = run("""
                export async function setup() { await new Promise((r) => setTimeout(r, 50)); return 42; }
                export default function (data) { if (data !== 42) throw new Error("got " + data); }
                """);
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void failedSetupSkipsScenariosAndTeardownAndExits107() throws Exception {
        CliRun r = run("""
                export function setup() { throw new Error("no database"); }
                export default function () { console.log("iteration ran"); }
                export function teardown() { console.log("teardown ran"); }
                """);
        assertEquals(ExitCodes.SCRIPT_EXCEPTION, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no database") && r.err().contains("setup() failed"), r.toString());
        assertFalse(r.err().contains("iteration ran") || r.err().contains("teardown ran"), r.toString());
        assertTrue(r.out().contains("TOTAL RESULTS"), "the summary still prints:\n" + r);
    }

    @Test
    void setupAndTeardownTimeouts() throws Exception {
        CliRun slowSetup = run("""
                export const options = { setupTimeout: "300ms" };
                export async function setup() { await new Promise((r) => setTimeout(r, 5000)); }
                export default function () {}
                """);
        assertEquals(ExitCodes.SETUP_TIMEOUT, slowSetup.exitCode(), slowSetup.toString());
        CliRun slowTeardown = run("""
                export const options = { teardownTimeout: "300ms" };
                export default function () {}
                export async function teardown() { await new Promise((r) => setTimeout(r, 5000)); }
                """);
        assertEquals(ExitCodes.TEARDOWN_TIMEOUT, slowTeardown.exitCode(), slowTeardown.toString());
        CliRun skipped = run("""
                export function setup() { throw new Error("must not run"); }
                export default function () {}
                """, "--no-setup");
        assertEquals(0, skipped.exitCode(), skipped.toString());
    }

    @Test
    void customMetricsOfEveryTypeAppearWithTheirValues() throws Exception {
        CliRun r = run("""
                import { Counter, Gauge, Rate, Trend } from "k6/metrics";
                const orders = new Counter("orders");
                const queue = new Gauge("queue_depth");
                const ok = new Rate("ok_rate");
                const latency = new Trend("server_latency", true);
                const sizes = new Trend("payload_sizes");
                export const options = { iterations: 4, thresholds: { orders: ["count==8"], "server_latency": ["max<3"] } };
                export default function () {
                  orders.add(2, { kind: "buy" });
                  queue.add(__ITER + 1);
                  ok.add(__ITER % 2 === 0);
                  latency.add(1.5);
                  sizes.add(100);
                }
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("CUSTOM"), r.toString());
        assertEquals(8, r.metricCount("orders"), r.toString());
        assertTrue(r.metricLine("ok_rate").contains("50%"), r.toString());
        assertTrue(r.metricLine("server_latency").contains("avg=1.5ms"), "time trends are given in ms:\n" + r);
        assertTrue(r.metricLine("payload_sizes").contains("avg=100"), r.toString());
        assertTrue(r.metricLine("queue_depth").contains("max=4"), r.toString());
    }

    @Test
    void metricRulesAreEnforced() throws Exception {
        CliRun badName = run("""
                import { Counter } from "k6/metrics";
                const c = new Counter("bad-name");
                export default function () {}
                """);
        assertEquals(ExitCodes.SCRIPT_EXCEPTION, badName.exitCode(), badName.toString());
        assertTrue(badName.err().contains("invalid metric name 'bad-name'"), badName.toString());
        // located at the user's line that declared it, not inside the k6/metrics module
        assertTrue(badName.err().strip().endsWith(dir.resolve("s.js") + ":2:11"), badName.toString());
        CliRun late = run("""
                import { Counter } from "k6/metrics";
                export default function () { new Counter("too_late"); }
                """);
        assertTrue(late.err().contains("must be declared in init code"), late.toString());
    }

    @Test
    void executionInfo() throws Exception {
        CliRun r = run("""
                import exec from "k6/execution";
                import { check } from "k6";
                export const options = { scenarios: { main: { executor: "shared-iterations", vus: 2, iterations: 6 } } };
                export default function () {
                  check(exec, {
                    "scenario name": (e) => e.scenario.name === "main",
                    "executor": (e) => e.scenario.executor === "shared-iterations",
                    "vu id": (e) => e.vu.idInTest === __VU && e.vu.idInInstance >= 1,
                    "iteration counters": (e) => e.vu.iterationInInstance === __ITER && e.scenario.iterationInTest < 6,
                    "instance": (e) => e.instance.vusInitialized === 2 && e.instance.vusActive >= 1,
                    "options": (e) => e.test.options.scenarios.main.iterations === 6,
                  });
                }
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 36 out of 36"), r.toString());
    }

    @Test
    void abortAndFail() throws Exception {
        CliRun aborted = run("""
                import exec from "k6/execution";
                export default function () { if (__ITER === 2) exec.test.abort("enough"); }
                """, "--duration", "30s");
        assertEquals(ExitCodes.SCRIPT_ABORTED, aborted.exitCode(), aborted.toString());
        assertTrue(aborted.err().contains("test aborted by the script: enough"), aborted.toString());
        assertTrue(aborted.out().contains("TOTAL RESULTS"), aborted.toString());
        CliRun failed = run("""
                import exec from "k6/execution";
                export default function () { exec.test.fail("bad data"); }
                """, "--iterations", "3");
        assertEquals(ExitCodes.TEST_FAILED, failed.exitCode(), failed.toString());
        assertEquals(3, failed.metricCount("iterations"), "fail() lets the run go on:\n" + failed);
    }

    @Test
    void groupsTagChecksAndRecordTheirDuration() throws Exception {
        CliRun r = run("""
                import { group, check } from "k6";
                export default function () {
                  group("login", () => {
                    check(1, { "logged in": (v) => v === 1 });
                    group("mfa", () => check(1, { "code ok": () => true }));
                  });
                }
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("::login › logged in"), r.toString());
        assertTrue(r.out().contains("::login::mfa › code ok"), r.toString());
        assertTrue(r.metricLine("group_duration").contains("avg="), r.toString());
    }

    @Test
    void handleSummaryDecidesWhatIsPrintedAndWritten() throws Exception {
        Path out = dir.resolve("out/summary.json");
        CliRun r = run("""
                import { textSummary } from "https://jslib.k6.io/k6-summary/0.0.2/index.js";
                export const options = { iterations: 3 };
                export default function () {}
                export function handleSummary(data) {
                  return {
                    stdout: "iterations: " + data.metrics.iterations.values.count + "\\n" + textSummary(data),
                    "%s": data,
                  };
                }
                """.formatted(out.toString().replace("\\", "/")));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("iterations: 3\n"), r.toString());
        assertTrue(r.out().contains("TOTAL RESULTS"), "textSummary() gives the default text:\n" + r);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
        assertEquals(3, json.at("/metrics/iterations/values/count").asInt(), json.toString());
    }

    @Test
    void aFailingHandleSummaryFallsBackToTheDefaultSummary() throws Exception {
        CliRun r = run("""
                export default function () {}
                export function handleSummary(data) { throw new Error("oops"); }
                """);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("handleSummary() failed") && r.err().contains("oops"), r.toString());
        assertTrue(r.out().contains("TOTAL RESULTS"), r.toString());
    }

    @Test
    void failEndsTheIterationAsFailedAndTimersImportFromK6Timers() throws Exception {
        CliRun r = run("""
                import { fail, check } from "k6";
                import { setTimeout, clearTimeout } from "k6/timers";
                export const options = { iterations: 4 };
                export default async function () {
                  const fired = await new Promise((resolve) => {
                    const t = setTimeout(() => resolve("never"), 10_000);
                    clearTimeout(t);
                    setTimeout(() => resolve("fired"), 10);
                  });
                  check(fired, { "k6/timers work": (f) => f === "fired" });
                  if (__ITER === 1) fail("bad response");
                }
                """, "--vus", "1");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Error: bad response"), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 4 out of 4"), r.toString());
        assertEquals(4, r.metricCount("iterations"), "a failed iteration still counts, as in k6:\n" + r);
    }
}
