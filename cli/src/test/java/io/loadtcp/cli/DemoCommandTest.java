package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The README's first command: {@code loadtcp demo} starts its own echo target and runs the echo sample against it. */
class DemoCommandTest {
    @Test
    void runsTheEchoSampleAgainstItsOwnTarget() {
        // As Main builds it from these arguments: a command line with "demo" alone, so demo must not rely on "run" there.
        CliRun r = CliRun.of("demo", "--vus", "2", "--duration", "1s");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("loadtcp demo: echo target listening on"), r.toString());
        assertTrue(r.out().contains("checks_succeeded: 100%"), r.toString());
        assertTrue(r.metricCount("iterations") > 0, r.toString());
    }
}
