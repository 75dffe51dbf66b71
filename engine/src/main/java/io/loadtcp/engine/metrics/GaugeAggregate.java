package io.loadtcp.engine.metrics;

/** A Gauge: the latest value, and the smallest and largest ever set. */
public final class GaugeAggregate implements Aggregate {
    private double last;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long count;

    @Override
    public void add(double value) {
        last = value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        count++;
    }

    @Override
    public void mergeFrom(Aggregate other) {
        GaugeAggregate o = (GaugeAggregate) other;
        if (o.count == 0) return;
        last = o.last; // merges happen in time order, so the other side is the newer value
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        count += o.count;
    }

    public double value() {
        return last;
    }

    public double min() {
        return count == 0 ? 0 : min;
    }

    public double max() {
        return count == 0 ? 0 : max;
    }

    @Override
    public long count() {
        return count;
    }
}
