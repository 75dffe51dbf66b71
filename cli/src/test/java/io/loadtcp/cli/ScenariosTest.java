package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** options.scenarios, the arrival-rate executors, ramping-vus and execution segments, run from real scripts. */
class ScenariosTest {
    private static final List<String> THIRDS = List.of("0:1/3", "1/3:2/3", "2/3:1");

    @TempDir Path dir;

    private static double countOrZero(CliRun r, String metric) {
        return r.out().lines().anyMatch(l -> l.trim().startsWith(metric + ".") || l.trim().startsWith(metric + ":"))
                ? r.metricCount(metric) : 0;
    }

    @Test
    void twoScenariosWithTheirOwnFunctionEnvAndTagsBothRun() throws Exception {
        String path = CliRun.script(dir, "two.js", """
                import { check } from "k6";
                export const options = { scenarios: {
                  alpha: { executor: "per-vu-iterations", vus: 2, iterations: 3, exec: "a", env: { WHO: "alpha" }, tags: { kind: "x" } },
                  beta: { executor: "shared-iterations", iterations: 4, exec: "b", env: { WHO: "beta" }, startTime: "100ms" },
                } };
                export function a() {
                  check(__ENV, { "alpha sees its env over the global": (e) => e.WHO === "alpha" && e.GLOBAL === "g" });
                }
                export function b() {
                  check(__ENV, { "beta sees its env over the global": (e) => e.WHO === "beta" && e.GLOBAL === "g" });
                }
                export default function () { throw new Error("default must not run"); }
                """);
        CliRun r = CliRun.of("run", path, "-e", "GLOBAL=g", "-e", "WHO=global");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(10, r.metricCount("iterations"), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100% 10 out of 10"), r.toString());
        assertTrue(r.err().contains("2 scenarios: alpha (per-vu-iterations"), r.toString());
    }

    @Test
    void constantArrivalRateStartsRateTimesDurationIterations() throws Exception {
        String path = CliRun.script(dir, "car.js", """
                export const options = { scenarios: { open: {
                  executor: "constant-arrival-rate", rate: 50, timeUnit: "1s", duration: "2s", preAllocatedVUs: 5, maxVUs: 20 } } };
                export default function () {}
                """);
        CliRun r = CliRun.of("run", path, "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        double n = r.metricCount("iterations");
        assertTrue(n >= 80 && n <= 120, "expected about 100 iterations, got " + n + "\n" + r);
        assertEquals(0, countOrZero(r, "dropped_iterations"), r.toString());
    }

    @Test
    void aSlowScriptWithTooFewVusDropsIterations() throws Exception {
        String path = CliRun.script(dir, "slow.js", """
                import { sleep } from "k6";
                export const options = { scenarios: { open: {
                  executor: "ramping-arrival-rate", startRate: 20, timeUnit: "1s", preAllocatedVUs: 1, maxVUs: 2,
                  stages: [{ duration: "1s", target: 20 }], gracefulStop: "2s" } } };
                export default async function () { await sleep(0.5); }
                """);
        CliRun r = CliRun.of("run", path, "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        double dropped = r.metricCount("dropped_iterations");
        double done = r.metricCount("iterations");
        assertTrue(dropped > 10, "20 due, 2 VUs busy for 0.5 s each: most are dropped, got " + dropped + "\n" + r);
        assertEquals(20, dropped + done, r.toString());
    }

    @Test
    void rampingVusReachesItsTarget() throws Exception {
        String path = CliRun.script(dir, "ramp.js", """
                import { sleep } from "k6";
                export default async function () { console.log("vu=" + __VU); await sleep(0.05); }
                """);
        CliRun r = CliRun.of("run", path, "--stage", "600ms:5,300ms:5", "--stage", "100ms:0");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(5, r.metricCount("vus_max"), r.toString());
        long distinct = r.err().lines().filter(l -> l.contains("vu=")).map(l -> l.replaceAll(".*vu=(\\d+).*", "$1"))
                .distinct().count();
        assertEquals(5, distinct, r.toString());
        assertTrue(r.err().contains("ramping-vus"), r.toString());
    }

    @Test
    void constantVusShowsEveryVuInTheVusGaugeUpToTheEnd() throws Exception {
        // Short iterations: as the duration ends, VUs leave one by one within milliseconds. A vus sample taken in
        // that moment read 10 or 17 of 20 and became the summary's last value.
        String path = CliRun.script(dir, "busy.js", """
                export default function () {
                  const until = Date.now() + 5;
                  while (Date.now() < until) {}
                }
                """);
        for (int run = 0; run < 5; run++) {
            CliRun r = CliRun.of("run", path, "--vus", "20", "--duration", "2s", "--quiet");
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.metricLine("vus").matches("\\s*vus\\.*: 20\\s+min=20 max=20"), r.toString());
        }
    }

    @Test
    void invalidScenariosListEveryProblemAndExit104() throws Exception {
        String path = CliRun.script(dir, "bad.js", """
                export const options = { duration: "10s", scenarios: {
                  one: { executor: "constant-looping-vus" },
                  two: { executor: "constant-arrival-rate", rate: -1, duration: "1s", preAllocatedVUs: 1, exec: "missing" } } };
                export default function () {}
                """);
        CliRun r = CliRun.of("run", path);
        assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode(), r.toString());
        for (String expected : List.of("\"duration\" cannot be used together with \"scenarios\"",
                "scenario one: unknown executor \"constant-looping-vus\"", "scenario two: rate must be at least 1")) {
            assertTrue(r.err().contains(expected), expected + "\n" + r);
        }
    }

    @Test
    void threeSegmentsAddUpToOneUnsplitRun() throws Exception {
        String shared = CliRun.script(dir, "shared.js", """
                export const options = { scenarios: { s: { executor: "shared-iterations", vus: 4, iterations: 100 } } };
                export default function () {}
                """);
        String perVu = CliRun.script(dir, "pervu.js", """
                export const options = { scenarios: { p: { executor: "per-vu-iterations", vus: 5, iterations: 3 } } };
                export default function () {}
                """);
        String constant = CliRun.script(dir, "constant.js", """
                import { sleep } from "k6";
                export default async function () { await sleep(0.1); }
                """);
        assertEquals(100, sumOverThirds("iterations", "run", shared, "--quiet"));
        assertEquals(15, sumOverThirds("iterations", "run", perVu, "--quiet"));
        assertEquals(10, sumOverThirds("vus_max", "run", constant, "--quiet", "--vus", "10", "--duration", "300ms"));
        assertEquals(100, CliRun.of("run", shared, "--quiet").metricCount("iterations"));
    }

    @Test
    void vuIdInTestIsUniqueAcrossTheInstancesOfASplitTest() throws Exception {
        String script = CliRun.script(dir, "ids.js", """
                import exec from "k6/execution";
                export const options = { scenarios: { p: { executor: "per-vu-iterations", vus: 6, iterations: 1 } } };
                export default function () { console.log("VU " + exec.vu.idInInstance + " IS " + exec.vu.idInTest); }
                """);
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (String seg : THIRDS) {
            CliRun r = CliRun.of("run", script, "--execution-segment", seg, "--execution-segment-sequence", "0,1/3,2/3,1");
            assertEquals(0, r.exitCode(), r.toString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("VU (\\d+) IS (\\d+)").matcher(r.out() + r.err());
            int local = 0;
            while (m.find()) {
                ids.add(Long.parseLong(m.group(2)));
                local++;
            }
            assertEquals(2, local, "each third runs 2 of the 6 VUs: " + r);
        }
        java.util.Collections.sort(ids);
        assertEquals(java.util.List.of(1L, 2L, 3L, 4L, 5L, 6L), ids, "test-wide ids, each once");
    }

    private double sumOverThirds(String metric, String... args) {
        double total = 0;
        for (String seg : THIRDS) {
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                    "--execution-segment", seg, "--execution-segment-sequence", "0,1/3,2/3,1")).toArray(String[]::new);
            CliRun r = CliRun.of(all);
            assertEquals(0, r.exitCode(), r.toString());
            total += countOrZero(r, metric);
        }
        return total;
    }
}
