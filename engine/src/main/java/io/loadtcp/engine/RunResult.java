package io.loadtcp.engine;

import io.loadtcp.engine.metrics.MetricsStore;
import java.time.Duration;

/** What a finished run leaves: all metrics, how long it ran, the VUs used, and why it stopped early (or null). */
public record RunResult(MetricsStore metrics, Duration elapsed, int maxVus, String stoppedReason) {
    public boolean stoppedEarly() {
        return stoppedReason != null;
    }
}
