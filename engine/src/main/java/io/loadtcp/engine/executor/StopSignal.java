package io.loadtcp.engine.executor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Raised once when the whole run must stop early (Ctrl-C, an abort from the script, a threshold's abortOnFail, or
 * something that failed during the run). The first raise wins: its reason, and its cause if it had one, are the run's.
 */
public final class StopSignal {
    private volatile String reason;
    private volatile RuntimeException cause;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void raise(String why) {
        raise(why, null);
    }

    /** Stops the run because {@code failure} happened: the run then ends as failed, not as merely stopped. */
    public void raise(String why, RuntimeException failure) {
        synchronized (this) {
            if (reason != null) return;
            reason = why;
            cause = failure;
        }
        listeners.forEach(Runnable::run);
    }

    public boolean raised() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }

    /** The failure that stopped the run, or null (not raised, or raised without one). */
    public RuntimeException cause() {
        return cause;
    }

    /** Runs {@code r} when the signal is raised (at once if it already was). */
    public void onRaise(Runnable r) {
        listeners.add(r);
        if (raised()) r.run();
    }
}
