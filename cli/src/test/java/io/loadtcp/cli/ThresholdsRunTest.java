package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Thresholds in real scripts: the summary's ✓/✗ lines, exit codes 0/99/104, abortOnFail and --no-thresholds. */
class ThresholdsRunTest {
    @RegisterExtension static final EchoTarget echo = new EchoTarget();
    @TempDir Path dir;

    private CliRun run(String thresholds, String body, String... extra) throws Exception {
        String src = """
                import { Socket } from "k6/x/tcp";
                import { check, sleep } from "k6";
                const PORT = %d;
                export const options = { thresholds: %s };
                export default async function () {
                %s
                }
                """.formatted(echo.port(), thresholds, body);
        String[] args = new String[3 + extra.length];
        args[0] = "run";
        args[1] = CliRun.script(dir, "t.js", src);
        args[2] = "--quiet";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.of(args);
    }

    @Test
    void passingThresholdsExitZeroAndShowTickedFirst() throws Exception {
        CliRun r = run("""
                {
                  iterations: ["count==3", "rate>0"],
                  checks: ["rate==1"],
                  iteration_duration: ["p(95)<10000", "avg < 10000", "p(99.9)<10000"],
                }""", """
                  check(1, { "one is one": (x) => x === 1 });
                """, "--iterations", "3");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.contains("█ THRESHOLDS"), r.toString());
        assertTrue(out.indexOf("█ THRESHOLDS") < out.indexOf("█ TOTAL RESULTS")
                && out.indexOf("█ THRESHOLDS") < out.indexOf("CHECKS"), "thresholds come first:\n" + out);
        assertTrue(out.contains("    iterations\n    ✓ 'count==3' count=3\n    ✓ 'rate>0' rate="), out);
        assertTrue(out.contains("✓ 'rate==1' rate=100%"), out);
        assertTrue(out.matches("(?s).*✓ 'p\\(95\\)<10000' p\\(95\\)=[\\d.]+(ns|µs|ms|s)\n.*"), out);
        assertTrue(out.contains("✓ 'p(99.9)<10000' p(99.9)="), out);
        assertFalse(out.contains("✗"), out);
    }

    @Test
    void failingThresholdExits99AndShowsTheObservedValue() throws Exception {
        CliRun r = run("""
                { iteration_duration: ["p(95)<1", "max<60000"], "checks{check:even}": ["rate>0.99"] }""", """
                  await sleep(0.03);
                  check(__ITER, { "even": (i) => i % 2 === 0 });
                """, "--iterations", "4");
        assertEquals(ExitCodes.THRESHOLDS_FAILED, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.matches("(?s).*✗ 'p\\(95\\)<1' p\\(95\\)=[3-9]\\d(\\.\\d+)?ms\n.*"), "about 30 ms:\n" + out);
        assertTrue(out.contains("✓ 'max<60000' max="), out);
        assertTrue(out.contains("    checks{check:even}\n    ✗ 'rate>0.99' rate=50%"), out);
        assertTrue(r.err().contains("thresholds on iteration_duration, checks{check:even} have been crossed"), r.toString());
    }

    @Test
    void tagFilterSelectsOnlyTheMatchingSeries() throws Exception {
        CliRun r = run("""
                {
                  "tcp_sockets{step:a}": ["count==2"],
                  "tcp_sockets{ step : 'b' }": ["count==1"],
                  tcp_sockets: ["count==3"],
                  "tcp_socket_connecting{step:a}": ["p(95)<5000"],
                  "tcp_sockets{step:c}": ["count==0"],
                }""", """
                  for (const step of ["a", "a", "b"]) {
                    const s = new Socket();
                    await s.connect({ port: PORT, host: "127.0.0.1", tags: { step } });
                    s.destroy();
                  }
                """);
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("    tcp_sockets{step:a}\n    ✓ 'count==2' count=2"), r.out());
        assertTrue(r.out().contains("    tcp_sockets{ step : 'b' }\n    ✓ 'count==1' count=1"), r.out());
        assertTrue(r.out().contains("    tcp_sockets\n    ✓ 'count==3' count=3"), r.out());
        assertTrue(r.out().contains("✓ 'count==0' count=0 (no samples)"), r.out());
    }

    @Test
    void abortOnFailStopsALongRunWithinSecondsAndExits99() throws Exception {
        long start = System.nanoTime();
        CliRun r = run("""
                { iterations: [{ threshold: "count<1", abortOnFail: true, delayAbortEval: "500ms" }] }""", """
                  await sleep(0.05);
                """, "--duration", "30s");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(ExitCodes.THRESHOLDS_FAILED, r.exitCode(), r.toString());
        assertTrue(seconds < 15, "stopped after " + seconds + " s, not 30 s");
        assertTrue(r.out().contains("stopped early: threshold iterations 'count<1' crossed (abortOnFail)"), r.toString());
        assertTrue(r.out().contains("✗ 'count<1' count="), "the summary still prints:\n" + r);
        assertTrue(r.err().contains("the test was stopped early"), r.toString());
    }

    @Test
    void invalidExpressionsExit104NamingEachWithItsColumn() throws Exception {
        CliRun r = run("""
                { iteration_duration: ["p(95<200", "mean<1"], "checks{check}": ["rate>0.9"],
                  tcp_errors: [{ threshold: "count<1", delayAbortEval: "soon" }] }""", "");
        assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode(), r.toString());
        String err = r.err();
        assertTrue(err.contains("threshold \"p(95<200\" on iteration_duration column 5: expected ')'"), err);
        assertTrue(err.contains("threshold \"mean<1\" on iteration_duration column 1: unknown aggregation 'mean'"), err);
        assertTrue(err.contains("threshold metric \"checks{check}\" column 13: expected ':'"), err);
        assertTrue(err.contains("invalid delayAbortEval \"soon\""), err);
        assertFalse(r.out().contains("TOTAL RESULTS"), "nothing ran:\n" + r);
    }

    @Test
    void unknownMetricOrWrongAggregationExits104BeforeAnyIteration() throws Exception {
        CliRun r = run("""
                { no_such_metric: ["count>0"], tcp_sockets: ["p(95)<1"] }""", """
                  console.warn("iteration ran");
                """);
        assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no metric named 'no_such_metric'"), r.toString());
        assertTrue(r.err().contains("\"p(95)<1\" on tcp_sockets: a counter has no 'p(95)'; use count, rate"), r.toString());
        assertFalse(r.err().contains("iteration ran"), r.toString());
    }

    @Test
    void noThresholdsIgnoresFailingAndInvalidThresholds() throws Exception {
        CliRun failing = run("{ iterations: [\"count>1000\"] }", "", "--no-thresholds");
        assertEquals(ExitCodes.OK, failing.exitCode(), failing.toString());
        assertFalse(failing.out().contains("THRESHOLDS"), failing.toString());
        assertTrue(failing.out().contains("TOTAL RESULTS"), failing.toString());

        CliRun invalid = run("{ iterations: [\"count>>1\"] }", "", "--no-thresholds");
        assertEquals(ExitCodes.OK, invalid.exitCode(), invalid.toString());

        CliRun without = run("{ iterations: [\"count>1000\"] }", "");
        assertEquals(ExitCodes.THRESHOLDS_FAILED, without.exitCode(), "the same script fails without the flag\n" + without);
    }
}
