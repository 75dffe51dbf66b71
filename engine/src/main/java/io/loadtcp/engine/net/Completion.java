package io.loadtcp.engine.net;

/** The outcome of an asynchronous socket operation, reported on the socket's event loop. */
public interface Completion {
    void succeeded();

    void failed(String message);
}
