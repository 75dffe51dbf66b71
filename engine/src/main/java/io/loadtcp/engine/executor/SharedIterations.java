package io.loadtcp.engine.executor;

import io.loadtcp.engine.VuRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** {@code shared-iterations}: VUs share a total number of iterations, each taking the next as soon as it is free. */
public final class SharedIterations extends Executor {
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(10);

    private final int vus;
    private final long iterations;
    private final Duration maxDuration;

    public SharedIterations(ScenarioSettings settings, int vus, long iterations, Duration maxDuration) {
        super(settings);
        this.vus = (int) Math.min(vus, Math.max(1, iterations)); // k6: never more VUs than iterations
        this.iterations = iterations;
        this.maxDuration = maxDuration == null ? DEFAULT_MAX_DURATION : maxDuration;
    }

    @Override
    public String type() {
        return "shared-iterations";
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
        return iterations;
    }

    @Override
    public CompletableFuture<Void> start(ExecutionContext ctx) {
        markStarted();
        long end = startedAtNanos() + maxDuration.toNanos();
        AtomicLong taken = new AtomicLong();
        List<VuRunner> runners = ctx.pool().acquire(vus);
        return runVus(ctx, runners, (vu, soFar) -> System.nanoTime() - end < 0 && taken.getAndIncrement() < iterations
                ? newIteration(ctx, 0) : null, end);
    }
}
