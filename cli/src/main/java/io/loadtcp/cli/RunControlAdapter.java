package io.loadtcp.cli;

import io.loadtcp.engine.TestRun;
import io.loadtcp.engine.executor.ExecutionTuple;
import io.loadtcp.engine.executor.Executor;
import io.loadtcp.script.RunControl;

/** Answers the script's {@code k6/execution} questions from the running {@link TestRun}. */
final class RunControlAdapter implements RunControl {
    private final TestRun run;
    private final ExecutionTuple tuple;

    RunControlAdapter(TestRun run, ExecutionTuple tuple) {
        this.run = run;
        this.tuple = tuple;
    }

    private Executor executor(String scenario) {
        for (Executor e : run.executors()) if (e.settings().name().equals(scenario)) return e;
        return null;
    }

    @Override public void abort(String reason) { run.stop(reason); }
    @Override public int vusActive() { return run.activeVus(); }
    @Override public int vusInitialized() { return run.initializedVus(); }
    @Override public long iterationsCompleted() { return run.iterationCounts().completed(); }
    @Override public long iterationsInterrupted() { return run.iterationCounts().interrupted(); }
    @Override public long elapsedMillis() { return run.elapsedNanos() / 1_000_000; }

    @Override
    public String executorOf(String scenario) {
        Executor e = executor(scenario);
        return e == null ? "" : e.type();
    }

    @Override
    public long scenarioStartMillis(String scenario) {
        Executor e = executor(scenario);
        if (e == null || e.startedAtNanos() == 0) return 0;
        return System.currentTimeMillis() - (System.nanoTime() - e.startedAtNanos()) / 1_000_000;
    }

    @Override
    public double scenarioProgress(String scenario) {
        Executor e = executor(scenario);
        if (e == null || e.startedAtNanos() == 0) return 0;
        double planned = e.plannedDuration().toNanos();
        return planned <= 0 ? 0 : Math.min(1, (System.nanoTime() - e.startedAtNanos()) / planned);
    }

    @Override
    public long iterationInTest(String scenario, long iterationInScenario) {
        return tuple == null ? iterationInScenario : tuple.globalIndex(iterationInScenario);
    }

    /** As k6: VU ids are striped over the instances like iterations, so each instance's VU n maps to one test-wide id. */
    @Override
    public long vuIdInTest(int vuIdInInstance) {
        return tuple == null || vuIdInInstance < 1 ? vuIdInInstance : tuple.globalIndex(vuIdInInstance - 1) + 1;
    }
}
