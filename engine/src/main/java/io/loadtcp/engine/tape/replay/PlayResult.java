package io.loadtcp.engine.tape.replay;

/**
 * How one replayed connection went. {@code number} counts replayed connections from 1; {@code recorded} is the id of
 * the tape's connection that was played. {@code problem} is null when the peer matched the tape; else one line saying
 * what went wrong, with {@code mismatch} set when bytes differed.
 */
public record PlayResult(int number, int recorded, String peer, long bytesSent, long bytesReceived, String problem,
        Mismatch mismatch) {
    public boolean matched() {
        return problem == null;
    }
}
