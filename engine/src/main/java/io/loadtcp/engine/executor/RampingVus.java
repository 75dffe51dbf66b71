package io.loadtcp.engine.executor;

import io.loadtcp.engine.VuRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code ramping-vus}: the number of looping VUs follows the stages, from {@code startVUs}. A VU above the current
 * target finishes its iteration and stops; one still running {@code gracefulRampDown} after that is interrupted.
 * Under an execution segment, this instance runs its striped share of the whole test's VU count at every moment.
 */
public final class RampingVus extends Executor {
    public static final Duration DEFAULT_GRACEFUL_RAMP_DOWN = Duration.ofSeconds(30);
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final int startVus;
    private final List<Stage> stages;
    private final Duration gracefulRampDown;
    private final ExecutionTuple tuple;
    private final LongSupplier clock;

    private Slot[] slots;
    private final List<VuRunner> active = new CopyOnWriteArrayList<>();
    private volatile boolean ended;
    private long endNanos;

    public RampingVus(ScenarioSettings settings, int startVus, List<Stage> stages, Duration gracefulRampDown,
                      ExecutionTuple tuple) {
        this(settings, startVus, stages, gracefulRampDown, tuple, System::nanoTime);
    }

    RampingVus(ScenarioSettings settings, int startVus, List<Stage> stages, Duration gracefulRampDown,
               ExecutionTuple tuple, LongSupplier clock) {
        super(settings);
        this.startVus = startVus;
        this.stages = List.copyOf(stages);
        this.gracefulRampDown = gracefulRampDown == null ? DEFAULT_GRACEFUL_RAMP_DOWN : gracefulRampDown;
        this.tuple = tuple == null ? ExecutionTuple.FULL : tuple;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "ramping-vus";
    }

    @Override
    public int maxVus() {
        long max = startVus;
        for (Stage s : stages) max = Math.max(max, s.target());
        return (int) tuple.scale(max); // scaling is monotonic: the share of the maximum is the maximum share
    }

    @Override
    public Duration plannedDuration() {
        return Stage.total(stages);
    }

    /** This instance's VU target {@code elapsedNanos} after the start. */
    public int targetAt(long elapsedNanos) {
        return (int) tuple.scale(Stage.valueAt(startVus, stages, elapsedNanos));
    }

    @Override
    public CompletableFuture<Void> start(ExecutionContext ctx) {
        markStarted();
        long start = clock.getAsLong();
        endNanos = start + plannedDuration().toNanos();
        slots = new Slot[maxVus()];
        for (int i = 0; i < slots.length; i++) slots[i] = new Slot();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable tick = () -> tick(ctx, start, done);
        tick.run();
        ScheduledFuture<?> ticking = ctx.timer().scheduleAtFixedRate(tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
        done.whenComplete((v, e) -> ticking.cancel(false));
        long graceEnd = System.nanoTime() + (endNanos - clock.getAsLong()) + settings.gracefulStop().toNanos();
        enforceEnd(ctx, active, done, graceEnd);
        return done;
    }

    private synchronized void tick(ExecutionContext ctx, long start, CompletableFuture<Void> done) {
        long now = clock.getAsLong();
        if (!ended && (now - endNanos >= 0 || ctx.stop().raised())) ended = true;
        int target = ended ? 0 : targetAt(now - start);
        for (int i = 0; i < slots.length; i++) {
            Slot slot = slots[i];
            boolean wanted = i < target;
            if (wanted && !slot.wanted) {
                slot.wanted = true;
                if (slot.runner == null) launch(ctx, slot, done);
            } else if (!wanted && slot.wanted) {
                slot.wanted = false;
                slot.unwantedSince = now;
            }
            if (!ended && !slot.wanted && slot.runner != null && slot.runner.busy()
                    && now - slot.unwantedSince >= gracefulRampDown.toNanos()) {
                slot.runner.interrupt(); // ramped down: past gracefulRampDown, the iteration is cut short
            }
        }
        if (ended && active.isEmpty()) done.complete(null);
    }

    private void launch(ExecutionContext ctx, Slot slot, CompletableFuture<Void> done) {
        VuRunner vu = ctx.pool().tryAcquire();
        if (vu == null) return; // the pool holds every scenario's maximum, so this does not happen
        slot.runner = vu;
        active.add(vu);
        vu.runWhile((v, soFar) -> slot.wanted && !ended && clock.getAsLong() - endNanos < 0 && !ctx.stop().raised()
                ? newIteration(ctx, 0) : null, () -> finished(ctx, slot, vu, done));
    }

    private synchronized void finished(ExecutionContext ctx, Slot slot, VuRunner vu, CompletableFuture<Void> done) {
        active.remove(vu);
        ctx.pool().release(vu);
        slot.runner = null;
        if (slot.wanted && !ended) launch(ctx, slot, done);
        else if (ended && active.isEmpty()) done.complete(null);
    }

    private static final class Slot {
        volatile boolean wanted;
        VuRunner runner;
        long unwantedSince;
    }
}
