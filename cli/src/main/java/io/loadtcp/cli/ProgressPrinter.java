package io.loadtcp.cli;

import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.Tags;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** A plain progress line every few seconds while a test runs: elapsed/planned, VUs, iterations done. */
final class ProgressPrinter implements MetricsListener {
    private static final long EVERY_MILLIS = 5_000;
    private final PrintWriter err;
    private final List<Executor> executors;
    private long lastPrinted;

    ProgressPrinter(PrintWriter err, List<Executor> executors) {
        this.err = err;
        this.executors = executors;
    }

    @Override
    public void onInterval(long epochMillis, Map<Metric, Map<Tags, Aggregate>> interval, MetricsStore totals) {
        if (epochMillis - lastPrinted < EVERY_MILLIS) return;
        lastPrinted = epochMillis;
        Aggregate it = totals.aggregate(BuiltinMetrics.ITERATIONS);
        Aggregate vus = totals.aggregate(BuiltinMetrics.VUS);
        for (Executor e : executors) {
            if (e.startedAtNanos() == 0) continue;
            long elapsed = System.nanoTime() - e.startedAtNanos();
            err.printf("running %s/%s  %s  %s VUs  %d iterations done%n", Units.duration(elapsed / 1_000_000_000L * 1e9),
                    Units.duration(e.plannedDuration().toNanos()), e.settings().name(),
                    vus == null ? "0" : Units.number(((io.loadtcp.engine.metrics.GaugeAggregate) vus).value()),
                    it == null ? 0 : (long) ((io.loadtcp.engine.metrics.CounterAggregate) it).sum());
        }
        err.flush();
    }
}
