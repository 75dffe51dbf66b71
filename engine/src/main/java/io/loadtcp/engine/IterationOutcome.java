package io.loadtcp.engine;

/** How an iteration ended. Only COMPLETED and FAILED ones count in {@code iterations}. */
public enum IterationOutcome {
    /** The iteration's function returned (or its promise resolved) and nothing it started is pending. */
    COMPLETED,
    /** It threw or its promise rejected; the error was reported. */
    FAILED,
    /** It was cut short: the graceful stop ran out, or the run was aborted. */
    INTERRUPTED
}
