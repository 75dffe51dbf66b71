package io.loadtcp.script;

/**
 * What scripts may learn about and do to the whole run ({@code k6/execution}); the command line provides it once
 * the run exists. Methods are called from VU threads.
 */
public interface RunControl {
    /** Stops the run now ({@code exec.test.abort()}); the summary still prints. */
    void abort(String reason);

    int vusActive();

    int vusInitialized();

    long iterationsCompleted();

    long iterationsInterrupted();

    /** Milliseconds since the run started. */
    long elapsedMillis();

    /** The executor type of a scenario, e.g. "constant-vus". */
    String executorOf(String scenario);

    /** Epoch milliseconds when a scenario started, 0 before. */
    long scenarioStartMillis(String scenario);

    /** A scenario's progress from 0 to 1. */
    double scenarioProgress(String scenario);

    /** The test-wide unique number of iteration {@code iterationInScenario} of this instance (execution segments). */
    long iterationInTest(String scenario, long iterationInScenario);

    /** The test-wide unique id (from 1) of this instance's VU {@code vuIdInInstance} (execution segments). */
    long vuIdInTest(int vuIdInInstance);

    /** Used before the run exists (init code) and in tests. */
    RunControl NONE = new RunControl() {
        @Override public void abort(String reason) {}
        @Override public int vusActive() { return 0; }
        @Override public int vusInitialized() { return 0; }
        @Override public long iterationsCompleted() { return 0; }
        @Override public long iterationsInterrupted() { return 0; }
        @Override public long elapsedMillis() { return 0; }
        @Override public String executorOf(String scenario) { return ""; }
        @Override public long scenarioStartMillis(String scenario) { return 0; }
        @Override public double scenarioProgress(String scenario) { return 0; }
        @Override public long iterationInTest(String scenario, long iterationInScenario) { return iterationInScenario; }
        @Override public long vuIdInTest(int vuIdInInstance) { return vuIdInInstance; }
    };
}
