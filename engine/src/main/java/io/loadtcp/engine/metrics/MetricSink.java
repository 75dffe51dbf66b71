package io.loadtcp.engine.metrics;

/**
 * Where samples go. Implementations used on the hot path are confined to one event loop thread, so callers
 * must only use the sink of the loop they run on.
 */
public interface MetricSink {
    /** Adds a sample; for time metrics {@code value} is in nanoseconds. */
    void add(Metric metric, Tags tags, double value);

    default void addNanos(Metric metric, Tags tags, long nanos) {
        add(metric, tags, nanos);
    }

    default void increment(Metric metric, Tags tags) {
        add(metric, tags, 1);
    }

    /** {@code metric} with {@code tags}, bound for repeated samples; use it on this sink's thread only. */
    default Series series(Metric metric, Tags tags) {
        return value -> add(metric, tags, value);
    }
}
