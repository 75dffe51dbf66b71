package io.loadtcp.engine;

/** A VU could not be initialised (for a script: its init code threw); the run does not start. */
public class VuInitException extends RuntimeException {
    public VuInitException(String message, Throwable cause) {
        super(message, cause);
    }
}
