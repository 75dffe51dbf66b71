package io.loadtcp.engine.metrics;

/** The running aggregate of one series' samples; not thread-safe: each one is owned by a single thread. */
public sealed interface Aggregate permits CounterAggregate, GaugeAggregate, RateAggregate, TrendAggregate {
    void add(double value);

    /** Adds everything {@code other} (of the same type) has seen to this one. */
    void mergeFrom(Aggregate other);

    /** Number of samples seen. */
    long count();

    static Aggregate newFor(MetricType type) {
        return switch (type) {
            case COUNTER -> new CounterAggregate();
            case GAUGE -> new GaugeAggregate();
            case RATE -> new RateAggregate();
            case TREND -> new TrendAggregate();
        };
    }

    /** A fresh aggregate holding the same data; used to hand snapshots to other threads. */
    default Aggregate copy() {
        Aggregate copy = switch (this) {
            case CounterAggregate c -> new CounterAggregate();
            case GaugeAggregate g -> new GaugeAggregate();
            case RateAggregate r -> new RateAggregate();
            case TrendAggregate t -> new TrendAggregate();
        };
        copy.mergeFrom(this);
        return copy;
    }
}
