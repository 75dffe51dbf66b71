package io.loadtcp.script;

/** A script that cannot be loaded or initialised; the message is one line a user can act on. */
public final class ScriptException extends RuntimeException {
    /** Why the script could not run. */
    public enum Kind {
        /** The file is missing or unreadable. */
        NOT_READABLE,
        /** It does not parse, or imports what does not exist. */
        INVALID,
        /** Its init code threw. */
        INIT_ERROR
    }

    private final Kind kind;

    public ScriptException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
