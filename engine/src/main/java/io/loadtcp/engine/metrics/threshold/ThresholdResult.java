package io.loadtcp.engine.metrics.threshold;

import io.loadtcp.engine.metrics.Metric;

/**
 * One threshold's outcome: the value observed for its aggregation (milliseconds for time trends, per second for a
 * counter's rate, 0–1 for a rate) and whether the condition held. {@code noSamples}: the selected series had none,
 * so the value is 0.
 */
public record ThresholdResult(MetricSelector selector, Metric metric, Threshold threshold, double observed,
                              boolean passed, boolean noSamples) {
    public Aggregation aggregation() {
        return threshold.expression().aggregation();
    }
}
