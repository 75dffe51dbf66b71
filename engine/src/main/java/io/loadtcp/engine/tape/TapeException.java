package io.loadtcp.engine.tape;

/** A tape that cannot be read or written: the message is one line naming the file and, when known, the offset. */
public final class TapeException extends RuntimeException {
    public TapeException(String message) {
        super(message);
    }

    public TapeException(String message, Throwable cause) {
        super(message, cause);
    }
}
