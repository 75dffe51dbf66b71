package io.loadtcp.engine.executor;

import io.loadtcp.engine.VuRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code constant-vus}: a fixed number of VUs loop over iterations for a duration. */
public final class ConstantVus extends Executor {
    private final int vus;
    private final Duration duration;

    public ConstantVus(ScenarioSettings settings, int vus, Duration duration) {
        super(settings);
        this.vus = vus;
        this.duration = duration;
    }

    @Override
    public String type() {
        return "constant-vus";
    }

    @Override
    public int maxVus() {
        return vus;
    }

    @Override
    public Duration plannedDuration() {
        return duration;
    }

    @Override
    public CompletableFuture<Void> start(ExecutionContext ctx) {
        markStarted();
        long end = startedAtNanos() + duration.toNanos();
        List<VuRunner> runners = ctx.pool().acquire(vus);
        return runVus(ctx, runners, (vu, soFar) -> System.nanoTime() - end < 0 ? newIteration(ctx, 0) : null, end);
    }
}
