package io.loadtcp.engine.executor;

import io.loadtcp.engine.Iteration;
import io.loadtcp.engine.VuRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Base of the executors: the scenario's settings, iteration numbering, and the end of a scenario — stop handing out
 * iterations, give running ones the graceful stop, then interrupt them, then kill VUs whose loop does not answer.
 */
public abstract class Executor {
    /** How long an interrupted VU gets to wind down before it is killed (its script is stuck). */
    public static final long KILL_AFTER_INTERRUPT_NANOS = TimeUnit.SECONDS.toNanos(3);

    protected final ScenarioSettings settings;
    private final AtomicLong iterationsInScenario = new AtomicLong();
    private volatile long startedAtNanos;

    protected Executor(ScenarioSettings settings) {
        this.settings = settings;
    }

    public ScenarioSettings settings() {
        return settings;
    }

    /** The executor's k6 name, e.g. "constant-vus". */
    public abstract String type();

    /** The most VUs this scenario uses at once. */
    public abstract int maxVus();

    /** How long the scenario runs, graceful stop excluded (for progress and for the run's own timeout). */
    public abstract Duration plannedDuration();

    /** Starts the scenario (on the control thread, at its start time); the future completes when it is over. */
    public abstract CompletableFuture<Void> start(ExecutionContext ctx);

    /** Iterations started so far in this scenario (k6's {@code exec.scenario.iterationInTest} is the next one). */
    public long iterationsStarted() {
        return iterationsInScenario.get();
    }

    public long startedAtNanos() {
        return startedAtNanos;
    }

    protected void markStarted() {
        startedAtNanos = System.nanoTime();
    }

    /** A new iteration of this scenario with the next numbers. */
    protected Iteration newIteration(ExecutionContext ctx, long scheduledAtNanos) {
        return new Iteration(settings.name(), settings.exec(), ctx.iterationsInInstance().getAndIncrement(),
                iterationsInScenario.getAndIncrement(), settings.tags(), settings.env(), scheduledAtNanos);
    }

    /**
     * Runs {@code vus} with {@code next} until each has finished; from {@code endNanos} (the end of the scenario's
     * duration) running iterations get the graceful stop, then are interrupted.
     */
    protected CompletableFuture<Void> runVus(ExecutionContext ctx, List<VuRunner> vus, VuRunner.IterationSupplier next,
                                             long endNanos) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (vus.isEmpty()) {
            done.complete(null);
            return done;
        }
        AtomicInteger remaining = new AtomicInteger(vus.size());
        VuRunner.IterationSupplier guarded = (vu, soFar) -> ctx.stop().raised() ? null : next.next(vu, soFar);
        for (VuRunner vu : vus) {
            vu.runWhile(guarded, () -> {
                ctx.pool().release(vu);
                if (remaining.decrementAndGet() == 0) done.complete(null);
            });
        }
        long graceEnd = endNanos == Long.MAX_VALUE ? Long.MAX_VALUE : endNanos + settings.gracefulStop().toNanos();
        enforceEnd(ctx, vus, done, graceEnd);
        return done;
    }

    /** Interrupts at {@code graceEndNanos} (or when the run is stopped) and kills VUs that still do not finish. */
    protected void enforceEnd(ExecutionContext ctx, List<VuRunner> vus, CompletableFuture<Void> done, long graceEndNanos) {
        Runnable interruptAll = () -> interruptThenKill(ctx, vus, done);
        if (graceEndNanos != Long.MAX_VALUE) {
            ScheduledFuture<?> timer = ctx.timer().schedule(interruptAll,
                    Math.max(0, graceEndNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            done.whenComplete((v, e) -> timer.cancel(false));
        }
        ctx.stop().onRaise(interruptAll);
    }

    /** Interrupts {@code vus}' iterations now and kills those still running a while later, unless done by then. */
    protected static void interruptThenKill(ExecutionContext ctx, List<VuRunner> vus, CompletableFuture<Void> done) {
        if (done.isDone()) return;
        vus.forEach(VuRunner::interrupt);
        ctx.timer().schedule(() -> {
            if (!done.isDone()) vus.stream().filter(VuRunner::busy).forEach(VuRunner::kill);
        }, KILL_AFTER_INTERRUPT_NANOS, TimeUnit.NANOSECONDS);
    }
}
