package io.loadtcp.engine.net;

import io.netty.buffer.ByteBuf;

/**
 * Socket events, always delivered on the socket's event loop, and in order: {@code connected} before any
 * {@code data} or {@code closed}; {@code closed} exactly once and last.
 */
public interface SocketListener {
    void connected();

    /**
     * One read's bytes. The buffer is lent for the call only (the socket releases it afterwards): a listener copies
     * what it keeps, in whatever form it needs, so the bytes are copied once.
     */
    void data(ByteBuf bytes);

    /** The socket was idle for the configured timeout; it stays open. */
    void timeout();

    /** {@code method} is "connect", "read" or "write". */
    void error(String method, String message);

    void closed();
}
