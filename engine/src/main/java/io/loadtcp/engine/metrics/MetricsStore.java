package io.loadtcp.engine.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The run's totals per series, merged from the event loops' intervals. Owned by the collector: every method is
 * synchronized so the summary, thresholds and outputs can read it while the run goes on.
 */
public final class MetricsStore {
    private final Map<Metric, Map<Tags, Aggregate>> totals = new IdentityHashMap<>();

    public synchronized void merge(Map<Metric, Map<Tags, Aggregate>> interval) {
        mergeInto(totals, interval);
    }

    /** Adds every series of {@code source} to {@code target}; series new to the target are copied, not shared. */
    public static void mergeInto(Map<Metric, Map<Tags, Aggregate>> target, Map<Metric, Map<Tags, Aggregate>> source) {
        for (Map.Entry<Metric, Map<Tags, Aggregate>> m : source.entrySet()) {
            Map<Tags, Aggregate> series = target.computeIfAbsent(m.getKey(), k -> new HashMap<>());
            for (Map.Entry<Tags, Aggregate> s : m.getValue().entrySet()) {
                Aggregate existing = series.get(s.getKey());
                if (existing == null) series.put(s.getKey(), s.getValue().copy());
                else existing.mergeFrom(s.getValue());
            }
        }
    }

    /** The metrics that received at least one sample. */
    public synchronized List<Metric> metrics() {
        return new ArrayList<>(totals.keySet());
    }

    /** All samples of {@code metric} whose tags include {@code filter}, merged into one aggregate (null if none). */
    public synchronized Aggregate aggregate(Metric metric, Tags filter) {
        Map<Tags, Aggregate> series = totals.get(metric);
        if (series == null) return null;
        Aggregate merged = null;
        for (Map.Entry<Tags, Aggregate> s : series.entrySet()) {
            if (!s.getKey().containsAll(filter)) continue;
            if (merged == null) merged = Aggregate.newFor(metric.type());
            merged.mergeFrom(s.getValue());
        }
        return merged;
    }

    public Aggregate aggregate(Metric metric) {
        return aggregate(metric, Tags.EMPTY);
    }

    /**
     * Hands each series of {@code metric} to {@code reader} in place, under the store's lock, for readers that need
     * a few numbers of each every second (copies of every histogram would be garbage): {@code reader} must not keep
     * or change the aggregates.
     */
    public synchronized void forEachSeries(Metric metric, BiConsumer<Tags, Aggregate> reader) {
        Map<Tags, Aggregate> series = totals.get(metric);
        if (series != null) series.forEach(reader);
    }

    /** Every series of {@code metric} (copies). */
    public synchronized Map<Tags, Aggregate> series(Metric metric) {
        Map<Tags, Aggregate> out = new HashMap<>();
        Map<Tags, Aggregate> series = totals.get(metric);
        if (series != null) series.forEach((t, a) -> out.put(t, a.copy()));
        return out;
    }
}
