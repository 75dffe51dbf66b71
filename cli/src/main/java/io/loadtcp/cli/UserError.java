package io.loadtcp.cli;

/** An error the user can fix; its message is printed as one line and the process exits with {@link #exitCode()}. */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public UserError(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
