package io.loadtcp.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C / SIGTERM while a command runs: the first asks the command to stop gracefully (a run still prints its
 * summary, a server says what it served), so the command returns its own exit code instead of the JVM's 130/143;
 * a second exits at once with {@code exitOnSecond}. {@link #alsoOnShutdown} covers the JVM's other ways out.
 */
public final class SignalStop implements AutoCloseable {
    private final Consumer<String> stop;
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private final CountDownLatch closed = new CountDownLatch(1);
    private Thread shutdownHook;
    private volatile int count;

    private SignalStop(Consumer<String> stop, String note, PrintWriter err, int exitOnSecond) {
        this.stop = stop;
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

    /**
     * Also stops the command when the JVM ends some other way (SIGHUP, System.exit elsewhere): a shutdown hook asks
     * it to stop ({@code stop} gets "shutdown") and holds the JVM until {@link #close()}, at most 5 s, so whatever
     * the command cleans up before closing this (a tape, a temporary certificate) is complete.
     */
    public SignalStop alsoOnShutdown(String threadName) {
        shutdownHook = new Thread(() -> {
            stop.accept("shutdown");
            try {
                closed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        return this;
    }

    boolean fired() {
        return count > 0;
    }

    /** Puts the previous handlers back; lets a running shutdown hook finish, or removes the hook. */
    @Override
    public void close() {
        closed.countDown();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the countdown above lets it end
            }
        }
        if (previousInt != null) Signal.handle(new Signal("INT"), previousInt);
        if (previousTerm != null) Signal.handle(new Signal("TERM"), previousTerm);
    }
}
