package io.loadtcp.engine.metrics;

import java.util.Arrays;

/**
 * The individual samples one recorder took since its last drain, for outputs that write every sample (k6's
 * {@code --out json} and {@code csv}). Columns of plain arrays rather than an object per sample: a busy loop records
 * hundreds of thousands a second. Written by one thread, then handed over whole and only read.
 */
public final class SampleBuffer {
    private static final long EPOCH_NANOS_AT_START = System.currentTimeMillis() * 1_000_000L;
    private static final long NANO_TIME_AT_START = System.nanoTime();

    private Metric[] metrics;
    private Tags[] tags;
    private double[] values;
    private long[] epochNanos;
    private int size;

    public SampleBuffer(int capacity) {
        int c = Math.max(16, capacity);
        metrics = new Metric[c];
        tags = new Tags[c];
        values = new double[c];
        epochNanos = new long[c];
    }

    /** Wall-clock time in nanoseconds since the epoch, from the monotonic clock (so it never steps back). */
    public static long nowEpochNanos() {
        return EPOCH_NANOS_AT_START + (System.nanoTime() - NANO_TIME_AT_START);
    }

    /** Records a sample taken now; for time metrics {@code value} is in nanoseconds, as everywhere in the engine. */
    public void add(Metric metric, Tags sampleTags, double value) {
        add(metric, sampleTags, value, nowEpochNanos());
    }

    /** Records a sample taken at {@code atEpochNanos}. */
    public void add(Metric metric, Tags sampleTags, double value, long atEpochNanos) {
        if (size == metrics.length) grow();
        metrics[size] = metric;
        tags[size] = sampleTags;
        values[size] = value;
        epochNanos[size] = atEpochNanos;
        size++;
    }

    private void grow() {
        int c = metrics.length * 2;
        metrics = Arrays.copyOf(metrics, c);
        tags = Arrays.copyOf(tags, c);
        values = Arrays.copyOf(values, c);
        epochNanos = Arrays.copyOf(epochNanos, c);
    }

    public int size() {
        return size;
    }

    public Metric metric(int i) {
        return metrics[i];
    }

    public Tags tags(int i) {
        return tags[i];
    }

    public double value(int i) {
        return values[i];
    }

    public long epochNanos(int i) {
        return epochNanos[i];
    }
}
