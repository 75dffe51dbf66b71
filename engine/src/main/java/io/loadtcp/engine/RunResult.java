package io.loadtcp.engine;

import io.loadtcp.engine.metrics.MetricsStore;
import java.time.Duration;

/**
 * What a finished run leaves: all metrics, how long it ran, the VUs used, why it stopped early (or null), the
 * failure that stopped it (or null: VUs that could not be initialised during the run), and a failed setup or
 * teardown (or null). The metrics are there whatever happened.
 */
public record RunResult(MetricsStore metrics, Duration elapsed, int maxVus, String stoppedReason,
                        RuntimeException stopCause, LifecycleStep.Failure lifecycleFailure) {
    public boolean stoppedEarly() {
        return stoppedReason != null;
    }
}
