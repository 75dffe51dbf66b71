package io.loadtcp.cli;

import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.Tags;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Warns, once, when the load generator itself spends most of its time collecting garbage: its heap is too small for
 * the test (each VU's JavaScript context lives on it), and every figure it measures is then distorted. Without
 * this the run just slows down; with a heap far too small it can crawl for minutes.
 */
final class GcPressureWarning implements MetricsListener {
    static final double THRESHOLD = 0.5;
    static final long WINDOW_MILLIS = 5_000;

    private final PrintWriter err;
    private final LongSupplier gcMillis;
    private final LongSupplier nowMillis;
    private long windowStart = -1;
    private long gcAtWindowStart;
    private boolean warned;

    GcPressureWarning(PrintWriter err) {
        this(err, GcPressureWarning::totalGcMillis, () -> System.nanoTime() / 1_000_000);
    }

    GcPressureWarning(PrintWriter err, LongSupplier gcMillis, LongSupplier nowMillis) {
        this.err = err;
        this.gcMillis = gcMillis;
        this.nowMillis = nowMillis;
    }

    @Override
    public void onInterval(long epochMillis, Map<Metric, Map<Tags, Aggregate>> interval, MetricsStore totals) {
        if (warned) return;
        long now = nowMillis.getAsLong();
        long gc = gcMillis.getAsLong();
        if (windowStart < 0) {
            windowStart = now;
            gcAtWindowStart = gc;
            return;
        }
        long elapsed = now - windowStart;
        if (elapsed < WINDOW_MILLIS) return;
        double share = (double) (gc - gcAtWindowStart) / elapsed;
        if (share > THRESHOLD) {
            warned = true;
            long maxHeap = Runtime.getRuntime().maxMemory();
            err.printf("WARN loadtcp spends %.0f%% of its time collecting garbage: its heap (%s) is too small for this"
                    + " test and the figures suffer; raise LOADTCP_HEAP (%s)%n",
                    Math.min(100, share * 100), Units.bytes(maxHeap), HeapSizeCheck.ESTIMATE);
            err.flush();
        }
        windowStart = now;
        gcAtWindowStart = gc;
    }

    private static long totalGcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            long t = gc.getCollectionTime();
            if (t > 0) total += t;
        }
        return total;
    }
}
