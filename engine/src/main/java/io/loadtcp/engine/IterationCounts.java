package io.loadtcp.engine;

import java.util.concurrent.atomic.LongAdder;

/** Iterations that ended, by outcome, across all VUs of a run (k6's exec.instance.iterationsCompleted/Interrupted). */
public final class IterationCounts {
    private final LongAdder completed = new LongAdder();
    private final LongAdder interrupted = new LongAdder();

    void count(IterationOutcome outcome) {
        if (outcome == IterationOutcome.INTERRUPTED) interrupted.increment();
        else completed.increment();
    }

    /** Completed iterations, failed ones included (they ran to their end). */
    public long completed() {
        return completed.sum();
    }

    public long interrupted() {
        return interrupted.sum();
    }
}
