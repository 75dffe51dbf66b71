package io.loadtcp.engine.executor;

import io.loadtcp.engine.Iteration;
import io.loadtcp.engine.VuRunner;
import io.loadtcp.engine.metrics.BuiltinMetrics;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Base of the arrival-rate executors (an open model): iterations start on a fixed schedule whether or not earlier
 * ones have finished, each on a free VU; with none free and {@code maxVUs} in use, the iteration is dropped and
 * counted in {@code dropped_iterations}. The i-th start time is computed from the scenario's start, never by sleeping
 * between starts, so the schedule does not drift; a timer on the control thread starts every iteration that is due.
 * Iterations carry their intended start, so {@code iteration_duration} includes any wait (no coordinated omission).
 */
public abstract class ArrivalRateExecutor extends Executor {
    private final int preAllocatedVus;
    private final int maxVus;
    protected final ExecutionTuple tuple;
    private final LongSupplier clock;

    protected ArrivalRateExecutor(ScenarioSettings settings, int preAllocatedVus, int maxVus, ExecutionTuple tuple,
                                  LongSupplier clock) {
        super(settings);
        this.tuple = tuple == null ? ExecutionTuple.FULL : tuple;
        this.preAllocatedVus = this.tuple.scale(preAllocatedVus);
        this.maxVus = Math.max(this.preAllocatedVus, this.tuple.scale(Math.max(maxVus, preAllocatedVus)));
        this.clock = clock == null ? System::nanoTime : clock;
    }

    @Override
    public int maxVus() {
        return maxVus;
    }

    public int preAllocatedVus() {
        return preAllocatedVus;
    }

    /**
     * Nanoseconds after the start at which the whole test's {@code globalIndex}-th iteration (0-based) is due, or -1
     * when the schedule ends before it.
     */
    protected abstract long offsetOf(long globalIndex);

    /** This instance's start offsets, in order: the global schedule's iterations that fall in its stripe. */
    public Schedule schedule() {
        return new Schedule(tuple.stripe());
    }

    /** Walks this instance's share of the schedule; the timer loop and the tests use it. Not thread-safe. */
    public final class Schedule {
        private final ExecutionTuple.Stripe stripe;
        private long next;

        Schedule(ExecutionTuple.Stripe stripe) {
            this.stripe = stripe;
            this.next = offsetOf(stripe.next());
        }

        /** The offset of the next iteration to start, or -1 at the end. */
        public long peek() {
            return next;
        }

        /** Consumes the next iteration and returns its offset (-1 at the end). */
        public long take() {
            long v = next;
            if (v >= 0) next = offsetOf(stripe.next());
            return v;
        }
    }

    @Override
    public CompletableFuture<Void> start(ExecutionContext ctx) {
        markStarted();
        return new Run(ctx).begin();
    }

    /** One run of the schedule: the VUs this scenario holds and the timer loop. */
    private final class Run {
        private final ExecutionContext ctx;
        private final Deque<VuRunner> idle = new ConcurrentLinkedDeque<>();
        private final List<VuRunner> held = new CopyOnWriteArrayList<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicBoolean released = new AtomicBoolean();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Schedule schedule = schedule();
        private volatile boolean scheduleOver;
        private long startNanos;

        Run(ExecutionContext ctx) {
            this.ctx = ctx;
        }

        CompletableFuture<Void> begin() {
            startNanos = clock.getAsLong();
            for (VuRunner vu : ctx.pool().acquire(preAllocatedVus)) {
                held.add(vu);
                idle.add(vu);
            }
            long endNanos = startNanos + plannedDuration().toNanos();
            enforceEnd(ctx, held, done, endNanos + settings.gracefulStop().toNanos());
            ctx.stop().onRaise(() -> ctx.timer().execute(this::tick));
            tick();
            return done;
        }

        /** On the control thread: starts every iteration that is due, then sleeps until the next one. */
        private void tick() {
            if (scheduleOver) return;
            long now = clock.getAsLong();
            while (!ctx.stop().raised()) {
                long offset = schedule.peek();
                if (offset < 0 || startNanos + offset - now > 0) break;
                schedule.take();
                dispatch(startNanos + offset);
            }
            long offset = schedule.peek();
            if (offset < 0 || ctx.stop().raised()) {
                scheduleOver = true;
                if (inFlight.get() == 0) finish();
                return;
            }
            ctx.timer().schedule(this::tick, Math.max(0, startNanos + offset - clock.getAsLong()), TimeUnit.NANOSECONDS);
        }

        private void dispatch(long scheduledAtNanos) {
            VuRunner vu = idle.pollFirst();
            if (vu == null && held.size() < maxVus) {
                vu = ctx.pool().tryAcquire();
                if (vu != null) held.add(vu);
            }
            if (vu == null) {
                ctx.controlSink().increment(BuiltinMetrics.DROPPED_ITERATIONS, settings.tags());
                return;
            }
            inFlight.incrementAndGet();
            Iteration iteration = newIteration(ctx, scheduledAtNanos);
            VuRunner runner = vu;
            runner.runOnce(iteration, outcome -> {
                idle.addFirst(runner);
                if (inFlight.decrementAndGet() == 0 && scheduleOver) finish();
            });
        }

        private void finish() {
            if (!released.compareAndSet(false, true)) return;
            held.forEach(ctx.pool()::release);
            done.complete(null);
        }
    }
}
