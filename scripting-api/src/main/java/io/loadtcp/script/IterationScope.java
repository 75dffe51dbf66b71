package io.loadtcp.script;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What an iteration has started and not finished: open sockets and armed timers. The iteration ends only when its
 * promise has settled and this scope is empty (k6's "nothing reserved" rule); interrupting it cancels everything.
 */
final class IterationScope {
    private final Set<SocketBinding> sockets = new LinkedHashSet<>();
    private final Map<Integer, ScheduledFuture<?>> timers = new HashMap<>();

    void addSocket(SocketBinding s) {
        sockets.add(s);
    }

    void removeSocket(SocketBinding s) {
        sockets.remove(s);
    }

    void addTimer(int id, ScheduledFuture<?> f) {
        timers.put(id, f);
    }

    /** Forgets timer {@code id}; true if it was armed. */
    boolean removeTimer(int id) {
        return timers.remove(id) != null;
    }

    ScheduledFuture<?> timer(int id) {
        return timers.get(id);
    }

    boolean isEmpty() {
        return sockets.isEmpty() && timers.isEmpty();
    }

    /** Cancels every timer and destroys every socket (their close events are not delivered to the script). */
    void cancelAll() {
        timers.values().forEach(f -> f.cancel(false));
        timers.clear();
        for (SocketBinding s : new ArrayList<>(sockets)) s.abandon();
        sockets.clear();
    }
}
