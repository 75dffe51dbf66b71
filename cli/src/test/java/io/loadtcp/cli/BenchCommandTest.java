package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code loadtcp bench}, the README's benchmark command, in short runs against its own echo target: what it prints
 * must be what it measured (the figures are checked for consistency, not speed: these machines are shared).
 */
class BenchCommandTest {
    private static final Pattern RAW = Pattern.compile("\\(b\\) raw Netty\\s*: ([\\d,]+) round-trips/s \\((\\d+) connections");
    private static final Pattern JS = Pattern.compile("\\(a\\) JavaScript VUs: ([\\d,]+) round-trips/s \\((\\d+) VUs, ([\\d.]+)s\\)");
    private static final Pattern RAW_AFTER = Pattern.compile("\\(b\\) again, after\\s*: ([\\d,]+) round-trips/s \\((\\d+) connections");
    private static final Pattern RAW_CPU = Pattern.compile("\\(b\\) raw Netty.*; event loops' CPU ([\\d.]+) µs per round trip");
    private static final Pattern RAW_AFTER_CPU = Pattern.compile("\\(b\\) again, after.*; event loops' CPU ([\\d.]+) µs per round trip");
    private static final Pattern JS_CPU = Pattern.compile("\\(a\\) JavaScript VUs.*; event loops' CPU ([\\d.]+) µs per round trip");
    private static final Pattern CPU_RATIO = Pattern.compile("per CPU \\(a\\)/\\(b\\)   : ([\\d.]+) \\(round trips per CPU second");
    private static final Pattern RATIO = Pattern.compile("ratio \\(a\\)/\\(b\\)\\s*: ([\\d.]+)");

    @Test
    void comparesTheJavaScriptVusWithTheRawClientAndPrintsTheirRatio() {
        CliRun r = CliRun.of("bench", "--vus", "4", "--duration", "2", "--warmup", "1", "--event-loops", "1");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("JS warm-up"), r.toString());
        assertTrue(r.out().contains("raw warm-up"), "the baseline is warmed up too\n" + r);
        assertTrue(r.out().matches("(?s).*JIT compiling during \\(a\\): \\d+\\.\\d s of compiler CPU.*"), r.toString());
        Matcher raw = find(RAW, r);
        Matcher rawAfter = find(RAW_AFTER, r);
        Matcher js = find(JS, r);
        assertTrue(r.out().indexOf("(a) JavaScript") < r.out().indexOf("(b) again"), "(b) is measured before and after (a)\n" + r);
        assertEquals("4", raw.group(2), r.toString());
        assertEquals("4", rawAfter.group(2), r.toString());
        assertEquals("4", js.group(2), r.toString());
        // (a) is measured between two metric collections inside one run, a second apart: the window is the duration
        assertEquals(2.0, Double.parseDouble(js.group(3)), 0.3, r.toString());
        // (a) is compared with the mean of the two (b)s, which bracket it in time
        double rawRate = (number(raw.group(1)) + number(rawAfter.group(1))) / 2;
        double jsRate = number(js.group(1));
        assertTrue(rawRate > 0 && jsRate > 0, r.toString());
        double ratio = Double.parseDouble(find(RATIO, r).group(1));
        assertEquals(jsRate / rawRate, ratio, 0.01, "the printed ratio is (a) over the mean (b)\n" + r);
        // each side's event-loop CPU per round trip, and the client efficiency they give
        double rawCpu = (Double.parseDouble(find(RAW_CPU, r).group(1)) + Double.parseDouble(find(RAW_AFTER_CPU, r).group(1))) / 2;
        double jsCpu = Double.parseDouble(find(JS_CPU, r).group(1));
        assertTrue(rawCpu > 0 && jsCpu > 0, r.toString());
        double cpuRatio = Double.parseDouble(find(CPU_RATIO, r).group(1));
        assertEquals(rawCpu / jsCpu, cpuRatio, 0.02, "the printed CPU ratio is (b)'s mean CPU per round trip over (a)'s\n" + r);
    }

    @Test
    void holdsOneConnectionPerVuAtScaleAndPrintsPeakMemory() {
        CliRun r = CliRun.of("bench", "--scale", "20", "--duration", "2");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("20 VUs held 20 connections for 2s"), r.toString());
        assertTrue(r.out().contains("connections at target 20"), r.toString());
        assertTrue(r.out().matches("(?s).*peak resident memory \\(VmHWM\\): [\\d.]+ [kMG]B.*"), r.toString());
    }

    @Test
    void measuresTheArrivalRateSchedulerAgainstItsTarget() {
        CliRun r = CliRun.of("bench", "--arrival-rate", "200", "--duration", "2", "--warmup", "0", "--vus", "5");
        assertEquals(0, r.exitCode(), r.toString());
        Matcher m = find(Pattern.compile("target 200 it/s; scheduler ([\\d,]+) it/s"), r);
        // Every due iteration either starts or is dropped: the scheduler's own rate is the target, give or take
        // the iterations due at the edges of the window.
        assertEquals(200, number(m.group(1)), 20, r.toString());
    }

    @Test
    void refusesATargetThatIsNotOnLoopback() {
        CliRun r = CliRun.of("bench", "--target", "192.0.2.1:7999");
        assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--target must be a loopback address"), r.toString());
    }

    @Test
    void saysInOneLineThatNoEchoTargetAnswers() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again before the bench: nothing listens there
        }
        CliRun r = CliRun.of("bench", "--target", "127.0.0.1:" + port, "--duration", "1", "--warmup", "0");
        assertEquals(ExitCodes.IO_ERROR, r.exitCode(), r.toString());
        String error = r.err().strip();
        assertTrue(error.startsWith("error: cannot connect to /127.0.0.1:" + port), r.toString());
        assertTrue(error.endsWith("(start one with `loadtcp serve echo --listen 127.0.0.1:" + port + "`)"), r.toString());
        assertEquals(1, error.lines().count(), r.toString());
    }

    @Test
    void listsEveryOptionOutOfRangeBeforeStarting() {
        CliRun r = CliRun.of("bench", "--vus", "0", "--duration", "0", "--warmup", "-1", "--event-loops", "-2");
        assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode(), r.toString());
        assertEquals("error: --vus must be at least 1, was 0; --duration must be at least 1 (seconds), was 0;"
                + " --warmup must not be negative, was -1; --event-loops must not be negative, was -2", r.err().strip(), r.toString());
        assertTrue(r.out().isEmpty(), "no echo target was started\n" + r);
    }

    private static Matcher find(Pattern p, CliRun r) {
        Matcher m = p.matcher(r.out());
        assertTrue(m.find(), "no match for " + p + " in\n" + r);
        return m;
    }

    private static double number(String figure) {
        return Double.parseDouble(figure.replace(",", ""));
    }
}
