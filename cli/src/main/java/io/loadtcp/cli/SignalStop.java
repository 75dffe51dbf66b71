package io.loadtcp.cli;

import io.loadtcp.engine.TestRun;
import java.io.PrintWriter;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C / SIGTERM during a run: the first stops the test gracefully (summary still printed, exit 105), a second
 * exits at once.
 */
final class SignalStop {
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private volatile int count;

    private SignalStop(TestRun run, PrintWriter err) {
        SignalHandler handler = sig -> {
            if (++count > 1) Runtime.getRuntime().halt(ExitCodes.STOPPED_BY_SIGNAL);
            err.println("\nloadtcp: stopping (signal " + sig.getName() + "); press Ctrl-C again to quit at once");
            err.flush();
            run.stop("signal " + sig.getName());
        };
        previousInt = safeHandle("INT", handler);
        previousTerm = safeHandle("TERM", handler);
    }

    static SignalStop install(TestRun run, PrintWriter err) {
        return new SignalStop(run, err);
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

    void uninstall() {
        if (previousInt != null) Signal.handle(new Signal("INT"), previousInt);
        if (previousTerm != null) Signal.handle(new Signal("TERM"), previousTerm);
    }
}
