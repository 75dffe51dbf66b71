package io.loadtcp.engine.tape;

/** Which way bytes travel on a recorded connection; the client is the side that opened it. */
public enum Direction {
    CLIENT_TO_SERVER("client", "server", "C->S"),
    SERVER_TO_CLIENT("server", "client", "S->C");

    private final String from;
    private final String to;
    private final String arrow;

    Direction(String from, String to, String arrow) {
        this.from = from;
        this.to = to;
        this.arrow = arrow;
    }

    /** The side that sends in this direction: "client" or "server". */
    public String from() {
        return from;
    }

    /** The side that receives in this direction. */
    public String to() {
        return to;
    }

    /** A short arrow for live output, {@code C->S} or {@code S->C}. */
    public String arrow() {
        return arrow;
    }

    public Direction reverse() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }

    /** "client-to-server" or "server-to-client", for messages. */
    public String label() {
        return from + "-to-" + to;
    }
}
