package io.loadtcp.engine.executor;

/** An executor that can be paused and resumed after its start (k6's {@code PausableExecutor}). */
public interface Pausable {
    /**
     * Pausing lets running iterations finish and starts no new ones; resuming starts them again. Throws
     * {@link IllegalStateException} with the reason when the executor cannot do it now.
     */
    void setPaused(boolean paused);

    /** Throws {@link IllegalStateException} with the reason when {@link #setPaused} cannot be done now. */
    void checkPausable();
}
