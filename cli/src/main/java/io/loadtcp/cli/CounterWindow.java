package io.loadtcp.cli;

import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.CounterAggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.Tags;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A counter's rate over a window inside one run: from {@code skip} after the scenario started, for {@code length},
 * read from the run's totals as each interval is collected. The benchmark measures the JavaScript VUs' steady state
 * this way: starting the VUs, connecting, and ending the run all fall outside the window, and the JIT's CPU is taken
 * at the window's two ends. The ends are the first collections at or after each moment (every second by default).
 */
final class CounterWindow implements MetricsListener {
    /** The counter's total, the JIT's CPU and the measured threads' CPU at one collection. */
    private record Mark(long nanos, double count, JitTime jit, long cpuNanos) {}

    private final Metric counter;
    private final Executor scenario;
    private final long skipNanos;
    private final long endNanos;
    private final LongSupplier cpuNanos;
    private volatile Mark first;
    private volatile Mark last;

    /** {@code cpuNanos}: the CPU time so far of the threads whose cost the window reports (negative: unknown). */
    CounterWindow(Metric counter, Executor scenario, Duration skip, Duration length, LongSupplier cpuNanos) {
        this.counter = counter;
        this.cpuNanos = cpuNanos;
        this.scenario = scenario;
        this.skipNanos = skip.toNanos();
        this.endNanos = skip.plus(length).toNanos();
    }

    @Override
    public void onInterval(long epochMillis, Map<Metric, Map<Tags, Aggregate>> interval, MetricsStore totals) {
        long started = scenario.startedAtNanos();
        if (started == 0 || last != null) return;
        long now = System.nanoTime();
        long since = now - started;
        if (since < skipNanos) return;
        double count = totals.aggregate(counter) instanceof CounterAggregate c ? c.sum() : 0;
        if (first == null) first = new Mark(now, count, JitTime.now(), cpuNanos.getAsLong());
        else if (since >= endNanos) last = new Mark(now, count, JitTime.now(), cpuNanos.getAsLong());
    }

    /** Whether both ends were collected (the run lasted long enough). */
    boolean complete() {
        return last != null;
    }

    /** Per second between the window's ends. */
    double rate() {
        return (last.count - first.count) * 1e9 / (last.nanos - first.nanos);
    }

    /** Per second from the scenario's start to the window's start: the warm-up's rate. */
    double rateBefore() {
        long nanos = first.nanos - scenario.startedAtNanos();
        return nanos <= 0 ? 0 : first.count * 1e9 / nanos;
    }

    /** Seconds the window lasted, between the two collections. */
    double seconds() {
        return (last.nanos - first.nanos) / 1e9;
    }

    /** The measured threads' CPU per count inside the window, in nanoseconds; NaN when unknown or nothing counted. */
    double cpuNanosPerCount() {
        double counted = last.count - first.count;
        return first.cpuNanos < 0 || last.cpuNanos < 0 || counted <= 0 ? Double.NaN : (last.cpuNanos - first.cpuNanos) / counted;
    }

    /** CPU seconds the JIT compilers used inside the window. */
    double jitSeconds() {
        return first.jit.secondsTo(last.jit);
    }
}
