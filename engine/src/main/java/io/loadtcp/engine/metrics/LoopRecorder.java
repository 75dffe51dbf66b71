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

    @Override
    public void add(Metric metric, Tags tags, double value) {
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
        aggregate.add(value);
    }

    /** Hands over everything recorded since the last drain and starts a new interval. Call on the owning thread. */
    public Map<Metric, Map<Tags, Aggregate>> drain() {
        Map<Metric, Map<Tags, Aggregate>> done = interval;
        interval = new IdentityHashMap<>();
        return done;
    }
}
