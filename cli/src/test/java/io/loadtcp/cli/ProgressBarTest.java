package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.executor.ConstantVus;
import io.loadtcp.engine.executor.ScenarioSettings;
import io.loadtcp.engine.executor.SharedIterations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The live progress lines: bars filled by iterations or by time, plain lines for logs. */
class ProgressBarTest {
    @Test
    void iterationExecutorsFillByIterationsTheOthersByTime() {
        var shared = new SharedIterations(ScenarioSettings.named("batch"), 2, 200, null);
        assertEquals(0.25, ProgressBar.fraction(shared, 50, Duration.ofMinutes(5).toNanos()), 1e-9);
        var constant = new ConstantVus(ScenarioSettings.named("steady"), 10, Duration.ofSeconds(30));
        assertEquals(0.5, ProgressBar.fraction(constant, 9999, Duration.ofSeconds(15).toNanos()), 1e-9);
        assertEquals(1, ProgressBar.fraction(constant, 0, Duration.ofSeconds(40).toNanos()), 1e-9, "clamped");
    }

    @Test
    void barsAndLines() {
        assertEquals("[" + " ".repeat(30) + "]", ProgressBar.bar(0));
        assertEquals("[" + "=".repeat(14) + ">" + " ".repeat(15) + "]", ProgressBar.bar(0.5));
        assertEquals("[" + "=".repeat(30) + "]", ProgressBar.bar(1));
        var constant = new ConstantVus(ScenarioSettings.named("steady"), 10, Duration.ofSeconds(30));
        String line = ProgressBar.line(constant, 8, 7, 123, Duration.ofSeconds(15).toNanos());
        assertTrue(line.startsWith("steady   [=============="), line);
        assertTrue(line.endsWith(" 50%  constant-vus  7/10 VUs  123 it  15s/30s"), line);
        assertEquals("running 15s/30s  steady  max 10 VUs  123 iterations done",
                ProgressBar.plain(constant, -1, 123, Duration.ofSeconds(15).toNanos()));
    }
}
