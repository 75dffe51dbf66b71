package io.loadtcp.engine;

import io.loadtcp.engine.executor.ExecutionContext;
import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.executor.Pausable;
import io.loadtcp.engine.executor.StopSignal;
import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.LoopRecorder;
import io.loadtcp.engine.metrics.MetricsCollector;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.metrics.SampleListener;
import io.loadtcp.engine.metrics.SharedRecorder;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.net.SocketEnvironment;
import io.loadtcp.engine.net.Transports;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link TestPlan}: starts the event loops, initialises every VU on its loop (round-robin), runs the
 * scenarios at their start times, collects metrics every interval, and tears everything down. The metrics
 * recorded up to any failure are always in the result.
 */
public final class TestRun {
    /** The VUs' event-loop group: its threads are named {@code loadtcp-vu-POOL-N}. */
    public static final String LOOP_THREAD_PREFIX = "loadtcp-vu";

    private final TestPlan plan;
    private final StopSignal stop = new StopSignal();
    private final EventLoopGroup loops;
    private final MetricsCollector collector;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("loadtcp-control").daemon().factory());
    private volatile VuPool pool;
    private final IterationCounts counts = new IterationCounts();
    private final long createdAtNanos = System.nanoTime();
    private LifecycleStep setup;
    private LifecycleStep teardown;
    private final CompletableFuture<Void> resumed = new CompletableFuture<>();
    private volatile boolean startPaused;
    private volatile boolean scenariosPaused;
    private volatile Phase phase = Phase.CREATED;

    /** Where a run is, for whoever watches it from outside (k6's execution status, as its REST API reports it). */
    public enum Phase {
        CREATED, INIT_VUS, PAUSED_BEFORE_RUN, SETUP, RUNNING, TEARDOWN, ENDED, INTERRUPTED
    }

    public TestRun(TestPlan plan) {
        this.plan = plan;
        this.loops = Transports.newGroup(plan.eventLoops(), LOOP_THREAD_PREFIX);
        // Individual samples are kept only for an output that writes them (k6's json, csv): they cost memory and time.
        boolean keepSamples = plan.listeners().stream().anyMatch(l -> l instanceof SampleListener);
        Map<EventLoop, LoopRecorder> recorders = new IdentityHashMap<>();
        for (EventExecutor e : loops) recorders.put((EventLoop) e, new LoopRecorder(keepSamples));
        this.collector = new MetricsCollector(recorders, new SharedRecorder(keepSamples));
        plan.listeners().forEach(collector::addListener);
    }

    /**
     * Adds k6's setup and teardown steps (either may be null). Teardown runs after the scenarios, also after an
     * early stop, but not when setup failed.
     */
    public TestRun lifecycle(LifecycleStep setup, LifecycleStep teardown) {
        this.setup = setup;
        this.teardown = teardown;
        return this;
    }

    /** Stops the run early; running iterations are interrupted. Safe from any thread (a signal handler too). */
    public void stop(String reason) {
        stop.raise(reason);
    }

    /**
     * Makes the run wait, once every VU is initialised and before setup, until {@link #resume()} (k6's
     * {@code --paused}): instances of a test split over several machines then all start when they are told to.
     * A stop while paused ends the run without setup, scenarios or teardown. Call before {@link #run()}.
     */
    public TestRun startPaused() {
        this.startPaused = true;
        return this;
    }

    /** Lets a run started paused go on; does nothing once it has. Safe from any thread. */
    public void resume() {
        resumed.complete(null);
    }

    /** True while the run waits for {@link #resume()}, or will wait once its VUs are initialised. */
    public boolean awaitingResume() {
        return startPaused && !resumed.isDone();
    }

    /** True while the run waits to be resumed (or will wait once its VUs are initialised), or is paused mid-test. */
    public boolean paused() {
        return awaitingResume() || scenariosPaused;
    }

    /**
     * Pauses or resumes a started test, as k6 does: only when every scenario can ({@link Pausable}: k6's
     * externally-controlled executor), and only when that changes something (pausing a paused test is an error in k6,
     * which controllers written for it recognise by its words). Throws {@link IllegalStateException} with k6's reason
     * when it cannot. Safe from any thread.
     */
    public synchronized void pauseScenarios(boolean pause) {
        for (Executor e : plan.executors()) { // all or none: a half-paused test could not be told from a running one
            if (!(e instanceof Pausable p)) {
                throw new IllegalStateException(e.type() + " executor '" + e.settings().name()
                        + "' doesn't support pause and resume operations after its start");
            }
            p.checkPausable();
        }
        if (pause == scenariosPaused) {
            throw new IllegalStateException(pause ? "test execution was already paused" : "test execution wasn't paused");
        }
        for (Executor e : plan.executors()) ((Pausable) e).setPaused(pause);
        scenariosPaused = pause;
    }

    public Phase phase() {
        return phase;
    }

    /** True when the run has been stopped early (by {@link #stop}, a threshold or the script). */
    public boolean stopped() {
        return stop.raised();
    }

    public MetricsCollector collector() {
        return collector;
    }

    public List<Executor> executors() {
        return plan.executors();
    }

    public IterationCounts iterationCounts() {
        return counts;
    }

    /** VUs initialised so far (0 before init ends). */
    public int initializedVus() {
        VuPool p = pool;
        return p == null ? 0 : p.size();
    }

    /** Nanoseconds since this run was created. */
    public long elapsedNanos() {
        return System.nanoTime() - createdAtNanos;
    }

    /** Active VUs now (0 before the scenarios start). */
    public int activeVus() {
        VuPool p = pool;
        return p == null ? 0 : p.active();
    }

    /** Runs the test to its end. Throws {@link VuInitException} when VUs cannot be initialised. */
    public RunResult run() {
        long started = System.nanoTime();
        SocketEnvironment sockets = SocketEnvironment.create(plan.tls());
        try {
            phase = Phase.INIT_VUS;
            pool = new VuPool(initVus(1, plan.maxVus(), sockets), (firstId, count) -> {
                if (stop.raised()) throw new IllegalStateException("the test is stopping");
                return initVus(firstId, count, sockets);
            });
            collector.shared().add(BuiltinMetrics.VUS_MAX, Tags.EMPTY, pool.size());
            for (MetricsListener l : plan.listeners()) l.onStart(plan.metrics(), this::stop);
            if (startPaused && !awaitResume()) {
                phase = Phase.INTERRUPTED;
                return new RunResult(collector.store(), Duration.ZERO, pool.size(), stop.reason(), stop.cause(), null);
            }
            // The test's duration, which rates are per second of, starts here as in k6: initialising thousands of VUs
            // takes seconds, and a paused run may wait for hours.
            started = System.nanoTime();
            for (MetricsListener l : plan.listeners()) l.onTestStarted();
            long intervalNanos = plan.collectInterval().toNanos();
            // Half an interval out of step with the scenarios, whose starts and ends usually fall on whole seconds: a
            // tick due at the very end of a duration, delayed a few milliseconds on busy cores, sampled vus while the
            // VUs were finishing their last iterations, and the summary showed 17 of 20 as the last value.
            var periodic = timer.scheduleAtFixedRate(this::collect, intervalNanos / 2, intervalNanos, TimeUnit.NANOSECONDS);
            LifecycleStep.Failure failure = null;
            try {
                VuRunner lifecycleVu = setup != null || teardown != null ? newVu(0, firstLoop(), sockets) : null;
                phase = Phase.SETUP;
                if (setup != null) failure = runStep(lifecycleVu, setup);
                if (failure == null) {
                    phase = Phase.RUNNING;
                    runScenarios();
                    phase = Phase.TEARDOWN;
                    if (teardown != null) failure = runStep(lifecycleVu, teardown);
                }
                if (lifecycleVu != null) closeAll(List.of(lifecycleVu));
            } finally {
                periodic.cancel(false);
                phase = stop.raised() ? Phase.INTERRUPTED : Phase.ENDED;
            }
            return new RunResult(collector.store(), Duration.ofNanos(System.nanoTime() - started), pool.size(),
                    stop.reason(), stop.cause(), failure);
        } finally {
            shutdown();
        }
    }

    /** Waits in {@link Phase#PAUSED_BEFORE_RUN} until resumed (true) or stopped (false). */
    private boolean awaitResume() {
        phase = Phase.PAUSED_BEFORE_RUN;
        stop.onRaise(this::resume);
        try {
            resumed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.raise("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return !stop.raised();
    }

    private void collect() {
        try {
            sampleVus();
            collector.collect(200);
        } catch (RuntimeException e) {
            // a listener failing must not stop collection; it reports its own errors
        }
    }

    private void sampleVus() {
        VuPool p = pool;
        if (p == null) {
            collector.shared().add(BuiltinMetrics.VUS, Tags.EMPTY, 0);
            return;
        }
        collector.shared().add(BuiltinMetrics.VUS_MAX, Tags.EMPTY, p.size()); // as k6, every interval: the pool can grow
        int peak = p.takePeak();
        int now = p.active();
        if (peak > now) collector.shared().add(BuiltinMetrics.VUS, Tags.EMPTY, peak); // the gauge's max stays honest
        collector.shared().add(BuiltinMetrics.VUS, Tags.EMPTY, now);
    }

    private EventLoop firstLoop() {
        return (EventLoop) loops.iterator().next();
    }

    /** Creates VU {@code id} on {@code loop} (its init code runs there). */
    private Future<VuRunner> submitVu(int id, EventLoop loop, SocketEnvironment sockets) {
        VuSpec spec = new VuSpec(id, loop, collector.recorderFor(loop), sockets);
        return loop.submit(() -> new VuRunner(id, plan.vuFactory().create(spec), loop, spec.sink(), counts));
    }

    /** Why a VU could not be created, as the exception {@link #run()} throws. */
    private static RuntimeException initFailure(ExecutionException e) {
        return e.getCause() instanceof RuntimeException re ? re : new VuInitException(e.getCause().getMessage(), e.getCause());
    }

    private VuRunner newVu(int id, EventLoop loop, SocketEnvironment sockets) {
        try {
            return submitVu(id, loop, sockets).get();
        } catch (ExecutionException e) {
            throw initFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VuInitException("interrupted while initialising VU " + id, e);
        }
    }

    /** Runs setup or teardown as one iteration of VU 0, within its timeout; null when it succeeded. */
    private LifecycleStep.Failure runStep(VuRunner vu, LifecycleStep step) {
        String name = step.exec();
        Iteration it = new Iteration(name, name, 0, 0, Tags.of("scenario", name), java.util.Map.of(), 0);
        CompletableFuture<IterationOutcome> outcome = new CompletableFuture<>();
        vu.runLifecycleStep(it, outcome::complete);
        try {
            IterationOutcome o = outcome.get(step.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return o == IterationOutcome.COMPLETED ? null
                    : new LifecycleStep.Failure(step.phase(), false, name + "() failed");
        } catch (java.util.concurrent.TimeoutException e) {
            vu.interrupt();
            try {
                outcome.get(Executor.KILL_AFTER_INTERRUPT_NANOS, TimeUnit.NANOSECONDS);
            } catch (Exception stuck) {
                vu.kill();
            }
            return new LifecycleStep.Failure(step.phase(), true, name + "() did not finish within "
                    + step.timeout().toMillis() / 1000.0 + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LifecycleStep.Failure(step.phase(), false, name + "() interrupted");
        } catch (ExecutionException e) {
            return new LifecycleStep.Failure(step.phase(), false, name + "() failed: " + e.getCause());
        }
    }

    /** Initialises VUs {@code firstId} to {@code firstId + n - 1}, round-robin over the loops by id. */
    private List<VuRunner> initVus(int firstId, int n, SocketEnvironment sockets) {
        List<Future<VuRunner>> pending = new ArrayList<>(n);
        List<EventLoop> loopList = new ArrayList<>();
        loops.forEach(e -> loopList.add((EventLoop) e));
        for (int id = firstId; id < firstId + n; id++) {
            pending.add(submitVu(id, loopList.get((id - 1) % loopList.size()), sockets));
        }
        List<VuRunner> vus = new ArrayList<>(n);
        RuntimeException failure = null;
        for (Future<VuRunner> f : pending) {
            try {
                vus.add(f.get());
            } catch (ExecutionException e) {
                if (failure == null) failure = initFailure(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new VuInitException("interrupted while initialising VUs", e);
            }
        }
        if (failure != null) {
            closeAll(vus);
            throw failure;
        }
        return vus;
    }

    private void runScenarios() {
        ExecutionContext ctx = new ExecutionContext(pool, timer, collector.shared(), new AtomicLong(), stop);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Executor ex : plan.executors()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.add(done);
            Runnable start = () -> {
                if (stop.raised()) {
                    done.complete(null);
                    return;
                }
                CompletableFuture<Void> scenario = ex.start(ctx);
                sampleVus(); // as k6, when a scenario starts too: a run shorter than the interval still reports vus
                // Only now may the run go on to its last collection: a scenario over within microseconds completed
                // before this sample was taken, the run ended without it, and the summary had no vus line.
                scenario.whenComplete((v, e) -> done.complete(null));
            };
            long delay = ex.settings().startTime().toNanos();
            var scheduled = timer.schedule(start, delay, TimeUnit.NANOSECONDS);
            stop.onRaise(() -> {
                if (scheduled.cancel(false)) done.complete(null);
            });
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.raise("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("scenario failed", e.getCause());
        }
    }

    private void shutdown() {
        collector.collect(2000); // the last samples, after every iteration ended (vus is not sampled: it is 0 now)
        VuPool p = pool;
        if (p != null) closeAll(p.retire());
        timer.shutdownNow();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static void closeAll(List<VuRunner> vus) {
        List<Future<?>> closing = new ArrayList<>();
        for (VuRunner vu : vus) closing.add(vu.loop().submit(vu::close));
        for (Future<?> f : closing) {
            try {
                f.get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // a VU that cannot close in time is abandoned with its loop
            }
        }
    }
}
