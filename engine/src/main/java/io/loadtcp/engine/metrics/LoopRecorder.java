package io.loadtcp.engine.metrics;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The metric sink of one event loop. Only that loop's thread records into it, so recording takes no lock; the
 * collector asks the loop itself to {@link #drain()} (by submitting a task to it) and merges the result elsewhere.
 */
public final class LoopRecorder implements MetricSink {
    private Map<Metric, Map<Tags, Aggregate>> interval = new IdentityHashMap<>();
    private int generation; // counts drains: a bound series whose generation differs looks its aggregate up again
    private SampleBuffer samples; // null unless samples are kept

    /** A recorder that aggregates only. */
    public LoopRecorder() {
        this(false);
    }

    /** With {@code keepSamples}, every sample is also kept, with its time, for a {@link SampleListener}. */
    public LoopRecorder(boolean keepSamples) {
        this.samples = keepSamples ? new SampleBuffer(1024) : null;
    }

    @Override
    public void add(Metric metric, Tags tags, double value) {
        aggregateFor(metric, tags).add(value);
        if (samples != null) samples.add(metric, tags, value);
    }

    @Override
    public Series series(Metric metric, Tags tags) {
        return new BoundSeries(metric, tags);
    }

    private Aggregate aggregateFor(Metric metric, Tags tags) {
        Map<Tags, Aggregate> byTags = interval.get(metric);
        if (byTags == null) {
            byTags = new HashMap<>();
            interval.put(metric, byTags);
        }
        Aggregate aggregate = byTags.get(tags);
        if (aggregate == null) {
            aggregate = Aggregate.newFor(metric.type());
            byTags.put(tags, aggregate);
        }
        return aggregate;
    }

    /**
     * Hands over the samples kept since the last call (null when none were, or the recorder keeps none) and starts a
     * new buffer sized for as many. Call on the owning thread.
     */
    public SampleBuffer takeSamples() {
        if (samples == null || samples.size() == 0) return null;
        SampleBuffer done = samples;
        samples = new SampleBuffer(done.size());
        return done;
    }

    /** Hands over everything recorded since the last drain and starts a new interval. Call on the owning thread. */
    public Map<Metric, Map<Tags, Aggregate>> drain() {
        Map<Metric, Map<Tags, Aggregate>> done = interval;
        interval = new IdentityHashMap<>();
        generation++;
        return done;
    }

    /** Keeps the current interval's aggregate, so a sample costs one comparison instead of two map lookups. */
    private final class BoundSeries implements Series {
        private final Metric metric;
        private final Tags tags;
        private Aggregate aggregate;
        private int boundTo;

        BoundSeries(Metric metric, Tags tags) {
            this.metric = metric;
            this.tags = tags;
        }

        @Override
        public void add(double value) {
            if (aggregate == null || boundTo != generation) {
                aggregate = aggregateFor(metric, tags);
                boundTo = generation;
            }
            aggregate.add(value);
            if (samples != null) samples.add(metric, tags, value);
        }
    }
}
