package io.loadtcp.engine;

/**
 * One virtual user, pinned to one event loop for its whole life. The engine calls {@link #runIteration} and
 * {@link #interrupt} on that loop only; {@link #kill} may come from any thread.
 */
public interface VirtualUser {
    /** Starts one iteration; {@code done} must be called exactly once, on the VU's loop. */
    void runIteration(Iteration iteration, IterationDone done);

    /** Ends the running iteration now (cancelling its sockets and timers); its {@code done} reports INTERRUPTED. */
    void interrupt();

    /**
     * Forcibly stops a VU whose loop does not answer (a script stuck in an endless loop) and releases it. Called from
     * the control thread; the VU cannot run again afterwards.
     */
    void kill();

    /** Releases the VU after the run; called on its loop. */
    void close();

    /** Told when an iteration has finished. */
    interface IterationDone {
        void done(IterationOutcome outcome);
    }
}
