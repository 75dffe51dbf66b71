package io.loadtcp.engine.tape.replay;

/** What a replay reports as it goes; called on event loop threads (server) or the calling thread (client). */
public interface ReplayListener {
    /** Connection {@code number} started, replaying the tape's connection {@code recorded}. */
    default void started(int number, int recorded, String peer) {}

    default void finished(PlayResult result) {}
}
