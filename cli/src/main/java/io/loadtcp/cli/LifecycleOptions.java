package io.loadtcp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.loadtcp.engine.LifecycleStep;
import io.loadtcp.engine.Durations;
import java.time.Duration;
import java.util.Set;

/** setup() and teardown(): whether they run (exported, not switched off) and their timeouts (k6: 60 s each). */
record LifecycleOptions(LifecycleStep setup, LifecycleStep teardown) {

    static LifecycleOptions from(JsonNode options, Set<String> exported, boolean noSetup, boolean noTeardown) {
        LifecycleStep setup = !noSetup && exported.contains("setup")
                ? LifecycleStep.setup(timeout(options, "setupTimeout")) : null;
        LifecycleStep teardown = !noTeardown && exported.contains("teardown")
                ? LifecycleStep.teardown(timeout(options, "teardownTimeout")) : null;
        return new LifecycleOptions(setup, teardown);
    }

    private static Duration timeout(JsonNode options, String key) {
        JsonNode v = options.get(key);
        if (v == null || v.isNull()) return LifecycleStep.DEFAULT_TIMEOUT;
        try {
            return Durations.parse(v.asText(), key);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "invalid options: " + e.getMessage());
        }
    }

    /** k6's codes: a timed-out setup 100, teardown 101; one that threw 107 (its error was printed above). */
    static int exitCode(LifecycleStep.Failure failure) {
        if (failure.timedOut()) {
            return failure.phase() == LifecycleStep.Phase.SETUP ? ExitCodes.SETUP_TIMEOUT : ExitCodes.TEARDOWN_TIMEOUT;
        }
        return ExitCodes.SCRIPT_EXCEPTION;
    }
}
