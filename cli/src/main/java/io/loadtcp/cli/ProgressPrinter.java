package io.loadtcp.cli;

import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.CounterAggregate;
import io.loadtcp.engine.metrics.GaugeAggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.Tags;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Progress while a test runs. On a terminal, one bar per scenario, redrawn in place every second; elsewhere (a pipe,
 * CI) a plain line per scenario every 5 s, every 10 s for runs planned longer than 10 minutes.
 */
final class ProgressPrinter implements MetricsListener {
    private final PrintWriter err;
    private final List<Executor> executors;
    private final boolean terminal;
    private final long everyMillis;
    private final int nameWidth;
    private long lastPrinted;
    private int linesDrawn;

    ProgressPrinter(PrintWriter err, List<Executor> executors) {
        this(err, executors, false);
    }

    ProgressPrinter(PrintWriter err, List<Executor> executors, boolean terminal) {
        this.err = err;
        this.executors = executors;
        this.terminal = terminal;
        long planned = executors.stream().mapToLong(e -> e.settings().startTime().plus(e.plannedDuration()).toMillis())
                .max().orElse(0);
        this.everyMillis = terminal ? 1_000 : planned > 600_000 ? 10_000 : 5_000;
        this.nameWidth = executors.stream().mapToInt(e -> e.settings().name().length()).max().orElse(0);
    }

    /** Whether progress can be redrawn in place: a console, and not CI (CI=true). */
    static boolean isTerminal(Map<String, String> environment) {
        return System.console() != null && !"true".equalsIgnoreCase(environment.getOrDefault("CI", ""));
    }

    @Override
    public void onInterval(long epochMillis, Map<Metric, Map<Tags, Aggregate>> interval, MetricsStore totals) {
        if (epochMillis - lastPrinted < everyMillis) return;
        lastPrinted = epochMillis;
        long vus = totals.aggregate(BuiltinMetrics.VUS) instanceof GaugeAggregate g ? (long) g.value() : 0;
        StringBuilder out = new StringBuilder();
        if (terminal && linesDrawn > 0) out.append("\033[").append(linesDrawn).append('A');
        int lines = 0;
        for (Executor e : executors) {
            if (e.startedAtNanos() == 0 && !terminal) continue;
            long elapsed = e.startedAtNanos() == 0 ? 0 : System.nanoTime() - e.startedAtNanos();
            long done = totals.aggregate(BuiltinMetrics.ITERATIONS, Tags.of("scenario", e.settings().name()))
                    instanceof CounterAggregate c ? (long) c.sum() : 0;
            long scenarioVus = executors.size() == 1 ? vus : -1; // the vus gauge is instance-wide
            if (terminal) {
                out.append("\r\033[K").append(ProgressBar.line(e, nameWidth, scenarioVus, done, elapsed)).append('\n');
                lines++;
            } else {
                out.append(ProgressBar.plain(e, scenarioVus, done, elapsed)).append('\n');
            }
        }
        linesDrawn = lines;
        err.print(out);
        err.flush();
    }
}
