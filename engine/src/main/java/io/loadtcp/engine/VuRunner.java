package io.loadtcp.engine;

import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.MetricSink;
import io.netty.channel.EventLoop;

/**
 * Drives one VU on its loop: starts the next iteration when the previous one is done, records {@code iterations}
 * and {@code iteration_duration}, and stops when the executor has no more work for it.
 */
public final class VuRunner {
    private final int id;
    private final VirtualUser vu;
    private final EventLoop loop;
    private final MetricSink sink;
    private volatile boolean busy;
    private volatile long iterationStartedNanos;
    private long iterationsInScenario;
    private final IterationCounts counts;

    VuRunner(int id, VirtualUser vu, EventLoop loop, MetricSink sink, IterationCounts counts) {
        this.counts = counts;
        this.id = id;
        this.vu = vu;
        this.loop = loop;
        this.sink = sink;
    }

    public int id() {
        return id;
    }

    public EventLoop loop() {
        return loop;
    }

    /** True while an iteration runs. */
    public boolean busy() {
        return busy;
    }

    /**
     * Runs iterations while {@code next} supplies them (it is called on the loop; null means stop), then calls
     * {@code finished}. {@code next} receives this VU's count of iterations so far in the scenario.
     */
    public void runWhile(IterationSupplier next, Runnable finished) {
        iterationsInScenario = 0;
        loop.execute(() -> step(next, finished));
    }

    /** Runs exactly one iteration, then calls {@code finished} with its outcome (used by arrival-rate executors). */
    public void runOnce(Iteration iteration, java.util.function.Consumer<IterationOutcome> finished) {
        loop.execute(() -> start(iteration, finished::accept, true));
    }

    /**
     * Runs setup() or teardown(): as in k6, its time is an iteration_duration sample (tagged with its name) but it is
     * not one of the test's iterations, so it counts neither in {@code iterations} nor as complete or interrupted.
     */
    public void runLifecycleStep(Iteration step, java.util.function.Consumer<IterationOutcome> finished) {
        loop.execute(() -> start(step, finished::accept, false));
    }

    private void step(IterationSupplier next, Runnable finished) {
        Iteration iteration = next.next(this, iterationsInScenario);
        if (iteration == null) {
            finished.run();
            return;
        }
        iterationsInScenario++;
        start(iteration, outcome -> loop.execute(() -> step(next, finished)), true);
    }

    private void start(Iteration iteration, VirtualUser.IterationDone after, boolean isTestIteration) {
        busy = true;
        long started = System.nanoTime();
        iterationStartedNanos = started;
        boolean[] reported = new boolean[1];
        try {
            vu.runIteration(iteration, outcome -> {
                if (reported[0]) return; // a VU implementation must report once; be defensive, never count twice
                reported[0] = true;
                busy = false;
                if (isTestIteration) counts.count(outcome);
                if (outcome != IterationOutcome.INTERRUPTED) {
                    long begin = Math.min(started, iteration.scheduledAtNanos() > 0 ? iteration.scheduledAtNanos() : started);
                    sink.addNanos(BuiltinMetrics.ITERATION_DURATION, iteration.tags(), System.nanoTime() - begin);
                    if (isTestIteration) sink.increment(BuiltinMetrics.ITERATIONS, iteration.tags());
                }
                after.done(outcome);
            });
        } catch (RuntimeException e) {
            if (!reported[0]) {
                reported[0] = true;
                busy = false;
                after.done(IterationOutcome.FAILED);
            }
        }
    }

    /** Interrupts the running iteration, if any (posted to the loop). */
    public void interrupt() {
        loop.execute(() -> {
            if (busy) vu.interrupt();
        });
    }

    /** For a VU whose loop is stuck: cancels it from this thread. */
    public void kill() {
        vu.kill();
    }

    /** Nanoseconds the current iteration has been running, or 0. */
    public long runningForNanos() {
        return busy ? System.nanoTime() - iterationStartedNanos : 0;
    }

    void close() {
        vu.close();
    }

    /** Decides whether a VU gets another iteration. */
    public interface IterationSupplier {
        Iteration next(VuRunner vu, long iterationsSoFar);
    }
}
