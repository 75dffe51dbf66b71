package io.loadtcp.engine.metrics;

import java.util.List;

/**
 * A {@link MetricsListener} that also wants every individual sample, not just the aggregates (k6's file outputs).
 * The recorders keep samples only when a listener of the run implements this: everyone else pays nothing for it.
 */
public interface SampleListener extends MetricsListener {
    /**
     * The samples recorded since the previous call, one buffer per recorder that took any, called on the collector
     * thread just before {@link #onInterval}. The buffers are this listener's to keep; others receive the same ones,
     * so they must not be changed.
     */
    void onSamples(List<SampleBuffer> samples);
}
