package io.loadtcp.engine.metrics;

import java.util.Map;

/**
 * A sink for the few samples recorded off the event loops (the scheduler's vus gauge, dropped iterations).
 * It takes a lock, which is fine there: those paths record a handful of samples per second.
 */
public final class SharedRecorder implements MetricSink {
    private final LoopRecorder delegate;

    public SharedRecorder() {
        this(false);
    }

    /** With {@code keepSamples}, every sample is also kept for a {@link SampleListener}. */
    public SharedRecorder(boolean keepSamples) {
        this.delegate = new LoopRecorder(keepSamples);
    }

    @Override
    public synchronized void add(Metric metric, Tags tags, double value) {
        delegate.add(metric, tags, value);
    }

    public synchronized Map<Metric, Map<Tags, Aggregate>> drain() {
        return delegate.drain();
    }

    public synchronized SampleBuffer takeSamples() {
        return delegate.takeSamples();
    }
}
