package io.loadtcp.cli;

import java.io.PrintWriter;

/**
 * Before a run: every VU's JavaScript context lives on the heap (≈80 KB each, measured in README "Performance"), so
 * a test with more VUs than the heap can hold would crawl through garbage collection instead of failing. Warn
 * up front, with the size to ask for.
 */
final class HeapSizeCheck {
    static final long BYTES_PER_VU = 80_000;
    static final long BASE_BYTES = 60_000_000;

    private HeapSizeCheck() {}

    /** The heap {@code vus} VUs need, by the measured estimate. */
    static long needed(long vus) {
        return BASE_BYTES + vus * BYTES_PER_VU;
    }

    /** Prints one warning when {@code maxHeapBytes} is below what {@code vus} VUs need; returns whether it did. */
    static boolean warnIfTooSmall(long vus, long maxHeapBytes, PrintWriter err) {
        long needed = needed(vus);
        if (maxHeapBytes >= needed) return false;
        long mebibytes = (needed + (1 << 20) - 1) >> 20; // -Xmx's "m" is MiB
        err.println("WARN " + vus + " VUs need about " + Units.bytes(needed) + " of heap, this JVM may use "
                + Units.bytes(maxHeapBytes) + ": set LOADTCP_HEAP (e.g. LOADTCP_HEAP=" + mebibytes
                + "m), or expect garbage collection to slow the run");
        err.flush();
        return true;
    }
}
