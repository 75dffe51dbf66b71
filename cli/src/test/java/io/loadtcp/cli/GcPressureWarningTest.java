package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.metrics.MetricsStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warning fires once when more than half of a 5 s window went to garbage collection, and not below that. */
class GcPressureWarningTest {
    private long now;
    private long gc;
    private final StringWriter text = new StringWriter();
    private final GcPressureWarning warning = new GcPressureWarning(new PrintWriter(text), () -> gc, () -> now);

    private void second(long gcMillisInIt) {
        now += 1000;
        gc += gcMillisInIt;
        warning.onInterval(now, Map.of(), new MetricsStore());
    }

    @Test
    void aHealthyRunIsLeftAlone() {
        for (int i = 0; i < 30; i++) second(300);
        assertEquals("", text.toString());
    }

    @Test
    void aThrashingHeapIsReportedOnce() {
        for (int i = 0; i < 6; i++) second(100);
        for (int i = 0; i < 30; i++) second(900);
        String out = text.toString();
        assertTrue(out.startsWith("WARN loadtcp spends 90% of its time collecting garbage"), out);
        assertTrue(out.contains("LOADTCP_HEAP"), out);
        assertEquals(1, out.lines().count(), "once: " + out);
    }
}
