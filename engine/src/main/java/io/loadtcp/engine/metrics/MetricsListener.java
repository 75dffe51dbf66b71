package io.loadtcp.engine.metrics;

import java.util.Map;

/**
 * Receives each collected interval, in time order, from the collector thread only (never concurrently): the
 * shape of an output (k6's {@code AddMetricSamples}). Thresholds, live progress and exporters are listeners.
 */
public interface MetricsListener {
    void onInterval(long epochMillis, Map<Metric, Map<Tags, Aggregate>> interval, MetricsStore totals);
}
