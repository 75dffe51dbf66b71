package io.loadtcp.engine.executor;

import io.loadtcp.engine.VuRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code per-vu-iterations}: each VU runs exactly the given number of iterations. */
public final class PerVuIterations extends Executor {
    private final int vus;
    private final long iterations;
    private final Duration maxDuration;

    public PerVuIterations(ScenarioSettings settings, int vus, long iterations, Duration maxDuration) {
        super(settings);
        this.vus = vus;
        this.iterations = iterations;
        this.maxDuration = maxDuration == null ? SharedIterations.DEFAULT_MAX_DURATION : maxDuration;
    }

    @Override
    public String type() {
        return "per-vu-iterations";
    }

    @Override
    public int maxVus() {
        return vus;
    }

    @Override
    public Duration plannedDuration() {
        return maxDuration;
    }

    public long totalIterations() {
        return iterations * vus;
    }

    @Override
    public CompletableFuture<Void> start(ExecutionContext ctx) {
        markStarted();
        long end = startedAtNanos() + maxDuration.toNanos();
        List<VuRunner> runners = ctx.pool().acquire(vus);
        return runVus(ctx, runners, (vu, soFar) -> System.nanoTime() - end < 0 && soFar < iterations
                ? newIteration(ctx, 0) : null, end);
    }
}
