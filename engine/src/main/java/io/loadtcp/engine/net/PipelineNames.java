package io.loadtcp.engine.net;

/** The client pipeline, in order from the wire: byte counting → TLS → idle detection → the socket's handler. */
final class PipelineNames {
    private PipelineNames() {}

    static final String WIRE_COUNTER = "wire-counter";
    static final String TLS = "tls";
    static final String IDLE = "idle";
    static final String SOCKET = "socket";
}
