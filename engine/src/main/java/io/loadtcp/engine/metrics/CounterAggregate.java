package io.loadtcp.engine.metrics;

/** Sum of a Counter's samples. */
public final class CounterAggregate implements Aggregate {
    private double sum;
    private long count;

    @Override
    public void add(double value) {
        sum += value;
        count++;
    }

    @Override
    public void mergeFrom(Aggregate other) {
        CounterAggregate o = (CounterAggregate) other;
        sum += o.sum;
        count += o.count;
    }

    public double sum() {
        return sum;
    }

    @Override
    public long count() {
        return count;
    }
}
