package io.loadtcp.engine.net;

/**
 * Socket events, always delivered on the socket's event loop, and in order: {@code connected} before any
 * {@code data} or {@code closed}; {@code closed} exactly once and last.
 */
public interface SocketListener {
    void connected();

    /** One read's bytes; the array is a private copy the listener may keep. */
    void data(byte[] bytes);

    /** The socket was idle for the configured timeout; it stays open. */
    void timeout();

    /** {@code method} is "connect", "read" or "write". */
    void error(String method, String message);

    void closed();
}
