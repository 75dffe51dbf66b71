package io.loadtcp.engine.tape;

/**
 * One thing that happened on a recorded connection. Every event names its connection (an id unique within the tape)
 * and when it happened, in nanoseconds since the tape started.
 */
public sealed interface TapeEvent {
    int connection();

    long nanos();

    /** The client connected; {@code client} and {@code server} are the endpoints as {@code host:port}. */
    record Opened(int connection, long nanos, String client, String server) implements TapeEvent {}

    /** Bytes that went one way. The array is owned by the event; do not change it. */
    record Data(int connection, long nanos, Direction direction, byte[] bytes) implements TapeEvent {}

    /** The sender of {@code direction} shut down its output (a FIN): no more bytes will come that way. */
    record HalfClose(int connection, long nanos, Direction direction) implements TapeEvent {}

    /** The connection ended. */
    record Closed(int connection, long nanos) implements TapeEvent {}

    /** The sender of {@code direction} reset the connection (an RST instead of an orderly close). */
    record Reset(int connection, long nanos, Direction direction) implements TapeEvent {}
}
