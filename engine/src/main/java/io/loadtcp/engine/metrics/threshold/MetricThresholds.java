package io.loadtcp.engine.metrics.threshold;

import java.util.List;

/** The thresholds of one {@code options.thresholds} entry: the selected metric (and tag filter), and its list. */
public record MetricThresholds(MetricSelector selector, List<Threshold> thresholds) {
    public MetricThresholds {
        thresholds = List.copyOf(thresholds);
    }

    public String metricName() {
        return selector.metricName();
    }
}
