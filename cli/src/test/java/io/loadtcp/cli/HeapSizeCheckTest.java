package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The up-front heap check: silent when the VUs fit, one line with a LOADTCP_HEAP to use when they do not. */
class HeapSizeCheckTest {
    @Test
    void tenThousandVusInASmallHeapGetAWarningWithASizeThatFits() {
        StringWriter text = new StringWriter();
        assertTrue(HeapSizeCheck.warnIfTooSmall(10_000, 256L << 20, new PrintWriter(text)));
        String out = text.toString();
        assertTrue(out.startsWith("WARN 10000 VUs need about 860 MB of heap"), out);
        int suggested = Integer.parseInt(out.replaceAll("(?s).*LOADTCP_HEAP=(\\d+)m.*", "$1"));
        assertEquals(860, suggested, "the number the user just read, in -Xmx's unit: " + out);
        assertTrue((long) suggested << 20 >= HeapSizeCheck.needed(10_000), "the suggested size holds them: " + suggested + "m");
        assertEquals(1, out.lines().count());
    }

    @Test
    void vusThatFitAreLeftAlone() {
        StringWriter text = new StringWriter();
        assertFalse(HeapSizeCheck.warnIfTooSmall(100, 256L << 20, new PrintWriter(text)));
        assertEquals("", text.toString());
    }
}
