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

    /** The estimate in words, for messages. */
    static final String ESTIMATE = "about " + BYTES_PER_VU / 1000 + " KB per VU + " + BASE_BYTES / 1_000_000 + " MB";

    /** The heap {@code vus} VUs need, by the measured estimate. */
    static long needed(long vus) {
        return BASE_BYTES + vus * BYTES_PER_VU;
    }

    /** Prints one warning when {@code maxHeapBytes} is below what {@code vus} VUs need; returns whether it did. */
    static boolean warnIfTooSmall(long vus, long maxHeapBytes, PrintWriter err) {
        long needed = needed(vus);
        if (maxHeapBytes >= needed) return false;
        // The need in whole MB, suggested with -Xmx's "m" (MiB, 5 % larger): the same number the user just read, and enough.
        long megabytes = (needed + 999_999) / 1_000_000;
        err.println("WARN " + vus + " VUs need about " + megabytes + " MB of heap, this JVM may use "
                + Units.bytes(maxHeapBytes) + ": set LOADTCP_HEAP (e.g. LOADTCP_HEAP=" + megabytes
                + "m), or expect garbage collection to slow the run");
        err.flush();
        return true;
    }
}
