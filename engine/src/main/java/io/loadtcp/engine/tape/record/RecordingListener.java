package io.loadtcp.engine.tape.record;

import io.loadtcp.engine.tape.Direction;
import java.io.IOException;

/**
 * What a {@link RecordingProxy} tells its user while it runs. Methods are called on event loop threads, never
 * concurrently for one connection; they must not block.
 */
public interface RecordingListener {
    /** The backend accepted the connection; recording started. */
    default void opened(ProxyConnection connection) {}

    /** Bytes passed; only called when {@link #wantsData()}. {@code bytes} is a copy the listener may keep. */
    default void data(ProxyConnection connection, Direction direction, long nanos, byte[] bytes) {}

    /** One side shut its output down. */
    default void halfClosed(ProxyConnection connection, Direction direction) {}

    /** The connection is over (both sides closed); its counters are final. */
    default void closed(ProxyConnection connection) {}

    /** A client was turned away before anything was recorded (bad preamble, unknown key, backend unreachable). */
    default void refused(String client, String reason) {}

    /** A tape could not be written; the proxy stops. */
    default void tapeFailed(String tape, IOException error) {}

    /** Whether {@link #data} should be called (it costs a copy per chunk). */
    default boolean wantsData() {
        return false;
    }
}
