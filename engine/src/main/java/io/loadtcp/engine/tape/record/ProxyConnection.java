package io.loadtcp.engine.tape.record;

import io.loadtcp.engine.tape.Direction;

/**
 * One proxied connection: its id on its tape, its route and endpoints, and the bytes it carried. Only touched on
 * the event loop that owns both of its channels.
 */
public final class ProxyConnection {
    private final int id;
    private final Route route;
    private final String client;
    private final long openedNanos;
    private long up;
    private long down;
    private boolean finished;
    private String endReason = "closed";

    ProxyConnection(int id, Route route, String client) {
        this.id = id;
        this.route = route;
        this.client = client;
        this.openedNanos = System.nanoTime();
    }

    public int id() {
        return id;
    }

    public Route route() {
        return route;
    }

    public String client() {
        return client;
    }

    /** Bytes from the client to the server so far. */
    public long bytesUp() {
        return up;
    }

    /** Bytes from the server to the client so far. */
    public long bytesDown() {
        return down;
    }

    public long durationNanos() {
        return System.nanoTime() - openedNanos;
    }

    /** How the connection ended: "closed", "reset by client", "error: ...". */
    public String endReason() {
        return endReason;
    }

    /** A label for output: {@code #3} or {@code [redis] #3} in gateway mode. */
    public String label() {
        return route.key() == null ? "#" + id : "[" + route.key() + "] #" + id;
    }

    void count(Direction d, int bytes) {
        if (d == Direction.CLIENT_TO_SERVER) up += bytes;
        else down += bytes;
    }

    void endReason(String reason) {
        if ("closed".equals(endReason)) endReason = reason;
    }

    /** True the first time only: the close is recorded once. */
    boolean finish() {
        if (finished) return false;
        finished = true;
        return true;
    }
}
