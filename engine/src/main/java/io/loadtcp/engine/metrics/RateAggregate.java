package io.loadtcp.engine.metrics;

/** A Rate: how many samples were non-zero out of all samples. */
public final class RateAggregate implements Aggregate {
    private long passes;
    private long total;

    @Override
    public void add(double value) {
        if (value != 0) passes++;
        total++;
    }

    @Override
    public void mergeFrom(Aggregate other) {
        RateAggregate o = (RateAggregate) other;
        passes += o.passes;
        total += o.total;
    }

    public long passes() {
        return passes;
    }

    public long fails() {
        return total - passes;
    }

    /** passes / total, 0 when there were no samples. */
    public double rate() {
        return total == 0 ? 0 : (double) passes / total;
    }

    @Override
    public long count() {
        return total;
    }
}
