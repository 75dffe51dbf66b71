package io.loadtcp.engine.executor;

import io.loadtcp.engine.VuRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code externally-controlled}: k6's executor that someone outside the test drives while it runs, through the REST
 * API. {@code vus} VUs loop over iterations; {@link #update} changes how many (up to {@code maxVUs}, which can be
 * raised: the run then initialises more VUs) and {@link #setPaused} pauses and resumes them. The duration counts only
 * the time not paused; zero means until the test is stopped. As in k6, there is no graceful stop: iterations still
 * running at the end, or on VUs scaled away, are interrupted; a pause lets them finish. All numbers given to and
 * reported by this class are the whole test's; under an execution segment this instance runs its share.
 */
public final class ExternallyControlled extends Executor implements Pausable {
    static final long DURATION_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Duration duration;
    private final long startMaxVus;
    private final ExecutionTuple tuple;
    private final Object updating = new Object(); // one update at a time; never held by a loop thread

    // guarded by this
    private long vus;
    private long maxVus;
    private int reservedVus; // VUs of the pool set aside for this scenario: never fewer, as the pool never shrinks
    private ExecutionContext ctx;
    private CompletableFuture<Void> done;
    private final List<Slot> slots = new ArrayList<>();
    private boolean paused;
    private long pausedSinceNanos;
    private long pausedTotalNanos;
    private volatile boolean ended;
    private final List<VuRunner> active = new CopyOnWriteArrayList<>();

    public ExternallyControlled(ScenarioSettings settings, long vus, long maxVus, Duration duration, ExecutionTuple tuple) {
        super(settings);
        this.tuple = tuple == null ? ExecutionTuple.FULL : tuple;
        this.vus = vus;
        this.maxVus = maxVus;
        this.startMaxVus = maxVus;
        this.reservedVus = (int) this.tuple.scale(maxVus);
        this.duration = duration;
    }

    @Override
    public String type() {
        return "externally-controlled";
    }

    /**
     * The VUs this instance has set aside in the run's pool: its share of the script's maxVUs, then of the highest
     * maxVUs set since (the pool never shrinks). The run initialises the first; {@link #update} adds the others.
     */
    @Override
    public synchronized int maxVus() {
        return reservedVus;
    }

    /** Zero when the scenario runs until the test is stopped. */
    @Override
    public Duration plannedDuration() {
        return duration;
    }

    public boolean endless() {
        return duration.isZero();
    }

    /** The whole test's VUs and maxVUs now, as last set. */
    public synchronized long vus() {
        return vus;
    }

    public synchronized long configuredMaxVus() {
        return maxVus;
    }

    /** Nanoseconds run so far, pauses excluded (0 before the start). */
    public synchronized long activeNanos() {
        if (ctx == null) return 0;
        long now = System.nanoTime();
        return now - startedAtNanos() - pausedTotalNanos - (paused ? now - pausedSinceNanos : 0);
    }

    /**
     * Sets the whole test's VUs and/or maxVUs (null: unchanged), with k6's rules and k6's messages: VUs between 0
     * and maxVUs, maxVUs never below the configured one. Raising maxVUs initialises VUs, which blocks this call
     * until their init code has run. Before the start, the change waits for it. Throws
     * {@link IllegalArgumentException} when the change is refused, a runtime exception when VUs cannot be initialised.
     */
    public void update(Integer newVus, Integer newMaxVus) {
        synchronized (updating) {
            long v;
            long m;
            synchronized (this) { // long: the checks below must not overflow
                v = newVus != null ? newVus : vus;
                m = newMaxVus != null ? newMaxVus : maxVus;
            }
            List<String> invalid = new ArrayList<>();
            if (v < 0) invalid.add("the number of VUs can't be negative");
            if (m < v) {
                invalid.add("the number of active VUs (" + v + ") must be less than or equal to the number of maxVUs (" + m + ")");
            }
            if (!invalid.isEmpty()) {
                throw new IllegalArgumentException("invalid configuration supplied: " + String.join(", ", invalid));
            }
            if (m < startMaxVus) {
                throw new IllegalArgumentException(
                        "the new number of max VUs cannot be lower than the starting number of max VUs (" + startMaxVus + ")");
            }
            ExecutionContext c;
            synchronized (this) {
                c = ctx;
                if (c == null || ended) { // not started yet: start() applies it; over: nothing to change
                    vus = v;
                    maxVus = m;
                    return;
                }
            }
            reserve(c, (int) tuple.scale(m)); // outside this object's lock: VUs finishing on the loops need it
            synchronized (this) {
                vus = v;
                maxVus = m;
                apply();
            }
        }
    }

    /** Grows the pool so that this scenario has {@code needed} VUs set aside. */
    private void reserve(ExecutionContext c, int needed) {
        int more;
        synchronized (this) {
            more = needed - reservedVus;
        }
        if (more <= 0) return;
        c.pool().grow(more);
        synchronized (this) {
            reservedVus = needed;
        }
    }

    @Override
    public synchronized void checkPausable() {
        if (ctx == null) throw new IllegalStateException("cannot pause the externally controlled executor before it has started");
    }

    @Override
    public void setPaused(boolean pause) {
        synchronized (this) {
            checkPausable();
            if (pause == paused || ended) return;
            long now = System.nanoTime();
            if (pause) pausedSinceNanos = now;
            else pausedTotalNanos += now - pausedSinceNanos;
            paused = pause;
            apply();
        }
    }

    @Override
    public CompletableFuture<Void> start(ExecutionContext context) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        int needed;
        synchronized (this) {
            markStarted();
            ctx = context;
            done = finished;
            apply(); // the VUs set aside so far start at once
            needed = (int) tuple.scale(maxVus);
        }
        if (needed > maxVus()) {
            // maxVUs was raised before the start (while the run waited to be resumed): those VUs are initialised off
            // the control thread, whose timers the other scenarios and the metrics need meanwhile.
            Thread.ofPlatform().daemon().name("loadtcp-scale-" + settings.name()).start(() -> {
                synchronized (updating) {
                    try {
                        reserve(context, needed);
                    } catch (RuntimeException e) {
                        // As in k6, whose executor initialises them as it starts: the test ends, as failed.
                        context.stop().raise("scenario " + settings.name() + " could not initialise the VUs added"
                                + " before its start", e);
                        return;
                    }
                    synchronized (this) {
                        apply();
                    }
                }
            });
        }
        if (!duration.isZero()) {
            ScheduledFuture<?> checking = context.timer().scheduleAtFixedRate(() -> {
                if (activeNanos() >= duration.toNanos()) end();
            }, DURATION_CHECK_NANOS, DURATION_CHECK_NANOS, TimeUnit.NANOSECONDS);
            finished.whenComplete((v, e) -> checking.cancel(false));
        }
        context.stop().onRaise(this::end);
        return finished;
    }

    /** The duration is over or the test stops: every iteration is interrupted (no graceful stop, as in k6). */
    private void end() {
        synchronized (this) {
            if (ended) return;
            ended = true;
            apply();
        }
        interruptThenKill(ctx, active, done);
    }

    /**
     * Makes the VUs running match the configuration: slot i runs a VU while i is below this instance's share of vus
     * (and of the VUs set aside so far: a raised maxVUs may still be initialising). Slots are never removed: one
     * scaled away may still be finishing its iteration on the VU it holds.
     */
    private void apply() {
        int target = paused || ended ? 0 : Math.min((int) tuple.scale(vus), reservedVus);
        int size = (int) tuple.scale(maxVus);
        while (slots.size() < size) slots.add(new Slot());
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            boolean wanted = i < target;
            if (wanted && !slot.wanted) {
                slot.wanted = true;
                if (slot.runner == null) launch(slot);
            } else if (!wanted && slot.wanted) {
                slot.wanted = false;
                // scaled down: cut short at once, as k6 does; paused: the iteration finishes (end() interrupts itself)
                if (!paused && !ended && slot.runner != null) slot.runner.interrupt();
            }
        }
        if (ended && active.isEmpty()) done.complete(null);
    }

    private void launch(Slot slot) {
        VuRunner vu = ctx.pool().tryAcquire();
        if (vu == null) return; // every VU set aside is still busy: finished() launches this slot when one is back
        slot.runner = vu;
        active.add(vu);
        ExecutionContext c = ctx;
        vu.runWhile((v, soFar) -> slot.wanted && !ended && !c.stop().raised() ? newIteration(c, 0) : null,
                () -> finished(slot, vu));
    }

    private synchronized void finished(Slot slot, VuRunner vu) {
        active.remove(vu);
        ctx.pool().release(vu);
        slot.runner = null;
        if (ended) {
            if (active.isEmpty()) done.complete(null);
            return;
        }
        if (slot.wanted) { // resumed, or scaled up again, before its iteration finished
            launch(slot);
            return;
        }
        for (Slot waiting : slots) {
            if (waiting.wanted && waiting.runner == null) { // wanted while every VU was busy finishing
                launch(waiting);
                return;
            }
        }
    }

    private static final class Slot {
        volatile boolean wanted;
        VuRunner runner;
    }
}
