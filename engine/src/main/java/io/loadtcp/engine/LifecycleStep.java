package io.loadtcp.engine;

import java.time.Duration;

/**
 * A once-per-test step run on its own VU (number 0) before or after the scenarios: k6's {@code setup()} and
 * {@code teardown()}. The engine only knows the function's name and the time it may take.
 */
public record LifecycleStep(Phase phase, String exec, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Before or after the scenarios. */
    public enum Phase { SETUP, TEARDOWN }

    public LifecycleStep {
        if (timeout == null) timeout = DEFAULT_TIMEOUT;
    }

    public static LifecycleStep setup(Duration timeout) {
        return new LifecycleStep(Phase.SETUP, "setup", timeout);
    }

    public static LifecycleStep teardown(Duration timeout) {
        return new LifecycleStep(Phase.TEARDOWN, "teardown", timeout);
    }

    /** How a step failed: it threw (reported by the VU) or ran past its timeout. */
    public record Failure(Phase phase, boolean timedOut, String message) {}
}
