package io.loadtcp.engine.net;

/**
 * The lifecycle of a {@link ClientSocket}: disconnected → opening → open → destroyed; a failed connect goes back from
 * opening to disconnected, and destroy() leads to destroyed from anywhere.
 */
public enum SocketState {
    DISCONNECTED("disconnected"),
    OPENING("opening"),
    OPEN("open"),
    DESTROYED("destroyed");

    private final String label;

    SocketState(String label) {
        this.label = label;
    }

    /** The name scripts see in {@code ready_state}. */
    public String label() {
        return label;
    }
}
