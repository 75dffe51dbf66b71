package io.loadtcp.engine.tape.replay;

import java.time.Duration;

/**
 * How a replay behaves. {@code assertBytes}: compare the peer's bytes with the tape (else only count them);
 * {@code delay}: wait the recorded time before each write; {@code once}: one connection only; {@code abort}: stop at the
 * first mismatch; {@code minTimeout} and {@code timeoutScale}: how long to wait for the peer, at least
 * {@code minTimeout}, else {@code timeoutScale} times the recorded delay; {@code diff}: how mismatches are shown.
 */
public record ReplayOptions(
        boolean assertBytes, boolean delay, boolean once, boolean abort, Duration minTimeout, int timeoutScale,
        DiffFormatter.Mode diff) {

    public static ReplayOptions defaults() {
        return new ReplayOptions(true, false, false, false, Duration.ofSeconds(5), 10, DiffFormatter.Mode.HEX);
    }

    public ReplayOptions withAssert(boolean assertBytes) {
        return new ReplayOptions(assertBytes, delay, once, abort, minTimeout, timeoutScale, diff);
    }

    public ReplayOptions withDelay(boolean delay) {
        return new ReplayOptions(assertBytes, delay, once, abort, minTimeout, timeoutScale, diff);
    }

    public ReplayOptions withOnce(boolean once) {
        return new ReplayOptions(assertBytes, delay, once, abort, minTimeout, timeoutScale, diff);
    }

    public ReplayOptions withAbort(boolean abort) {
        return new ReplayOptions(assertBytes, delay, once, abort, minTimeout, timeoutScale, diff);
    }

    public ReplayOptions withMinTimeout(Duration minTimeout) {
        return new ReplayOptions(assertBytes, delay, once, abort, minTimeout, timeoutScale, diff);
    }

    public ReplayOptions withDiff(DiffFormatter.Mode diff) {
        return new ReplayOptions(assertBytes, delay, once, abort, minTimeout, timeoutScale, diff);
    }

    /** How long to wait for bytes the tape says came {@code recordedNanos} after the previous event. */
    long timeoutNanos(long recordedNanos) {
        return Math.max(minTimeout.toNanos(), recordedNanos * timeoutScale);
    }
}
