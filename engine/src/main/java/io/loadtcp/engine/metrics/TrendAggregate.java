package io.loadtcp.engine.metrics;

import org.HdrHistogram.DoubleHistogram;

/**
 * A Trend: an auto-ranging HdrHistogram (3 significant digits, so percentiles are within 0.1%) plus the exact
 * count, sum, min and max. Memory stays constant however many samples arrive, unlike k6's sample lists.
 */
public final class TrendAggregate implements Aggregate {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final DoubleHistogram histogram = new DoubleHistogram(SIGNIFICANT_DIGITS);
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    @Override
    public void add(double value) {
        count++;
        sum += value;
        if (value < min) min = value;
        if (value > max) max = value;
        // HdrHistogram holds non-negative values only; negatives still count in avg/min/max.
        histogram.recordValue(Math.max(0, value));
    }

    @Override
    public void mergeFrom(Aggregate other) {
        TrendAggregate o = (TrendAggregate) other;
        if (o.count == 0) return;
        count += o.count;
        sum += o.sum;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        histogram.add(o.histogram);
    }

    @Override
    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    public double avg() {
        return count == 0 ? 0 : sum / count;
    }

    public double min() {
        return count == 0 ? 0 : min;
    }

    public double max() {
        return count == 0 ? 0 : max;
    }

    public double median() {
        return percentile(50);
    }

    /** The value at percentile {@code p} (0–100), clamped to the exact min and max. */
    public double percentile(double p) {
        if (count == 0) return 0;
        if (p >= 100) return max;
        if (p <= 0) return min;
        double v = histogram.getValueAtPercentile(p);
        return Math.max(min, Math.min(max, v));
    }
}
