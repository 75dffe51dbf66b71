package io.loadtcp.engine.executor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Raised once when the whole run must stop early (Ctrl-C, an abort from the script, a threshold's abortOnFail). */
public final class StopSignal {
    private volatile String reason;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void raise(String why) {
        synchronized (this) {
            if (reason != null) return;
            reason = why;
        }
        listeners.forEach(Runnable::run);
    }

    public boolean raised() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }

    /** Runs {@code r} when the signal is raised (at once if it already was). */
    public void onRaise(Runnable r) {
        listeners.add(r);
        if (raised()) r.run();
    }
}
