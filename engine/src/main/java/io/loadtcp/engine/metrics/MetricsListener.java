package io.loadtcp.engine.metrics;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Receives each collected interval, in time order, from the collector thread only (never concurrently): the
 * shape of an output (k6's {@code AddMetricSamples}). Thresholds, live progress and exporters are listeners.
 */
public interface MetricsListener {
    /**
     * Called once on the run's thread after every VU's init code ran (so custom metrics are in {@code registry}) and
     * before any scenario starts. {@code stopRun} stops the test early with a reason. Throwing here ends the run
     * before its first iteration, and the exception reaches the caller of {@code TestRun.run()}.
     */
    default void onStart(MetricRegistry registry, Consumer<String> stopRun) {}

    /**
     * Called once on the run's thread when the test's own time starts, the time its duration and rates count from:
     * after {@link #onStart}, after the wait of a run started paused (which can last hours), before setup.
     */
    default void onTestStarted() {}

    void onInterval(long epochMillis, Map<Metric, Map<Tags, Aggregate>> interval, MetricsStore totals);
}
