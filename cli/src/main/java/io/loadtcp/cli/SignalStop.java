package io.loadtcp.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C / SIGTERM while a command runs: the first asks the command to stop gracefully (a run still prints its
 * summary, a server says what it served), so the command returns its own exit code instead of the JVM's 130/143;
 * a second exits at once with {@code exitOnSecond}.
 */
public final class SignalStop implements AutoCloseable {
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private volatile int count;

    private SignalStop(Consumer<String> stop, String note, PrintWriter err, int exitOnSecond) {
        SignalHandler handler = sig -> {
            if (++count > 1) Runtime.getRuntime().halt(exitOnSecond);
            if (note != null) {
                err.println("\nloadtcp: " + note + " (signal " + sig.getName() + "); press Ctrl-C again to quit at once");
                err.flush();
            }
            stop.accept(sig.getName());
        };
        previousInt = safeHandle("INT", handler);
        previousTerm = safeHandle("TERM", handler);
    }

    /**
     * Installs the handlers; {@code stop} gets the signal's name ("INT", "TERM"). {@code note}, when not null, is
     * printed on the first signal.
     */
    public static SignalStop install(Consumer<String> stop, String note, PrintWriter err, int exitOnSecond) {
        return new SignalStop(stop, note, err, exitOnSecond);
    }

    private static SignalHandler safeHandle(String name, SignalHandler h) {
        try {
            return Signal.handle(new Signal(name), h);
        } catch (IllegalArgumentException e) {
            return null; // signal not available on this platform
        }
    }

    boolean fired() {
        return count > 0;
    }

    /** Puts the previous handlers back. */
    @Override
    public void close() {
        if (previousInt != null) Signal.handle(new Signal("INT"), previousInt);
        if (previousTerm != null) Signal.handle(new Signal("TERM"), previousTerm);
    }
}
