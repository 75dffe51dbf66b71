package io.loadtcp.engine.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every metric a run knows, built-in and custom. Custom metrics are declared in each VU's init code, on several
 * threads at once, so registration is thread-safe and idempotent; redeclaring a name with another type is an error.
 */
public final class MetricRegistry {
    private final ConcurrentHashMap<String, Metric> byName = new ConcurrentHashMap<>();

    public MetricRegistry() {
        for (Metric m : BuiltinMetrics.ALL) byName.put(m.name(), m);
    }

    /** The metric called {@code name}, registering it if new. Throws if the name exists with another type. */
    public Metric register(String name, MetricType type, ValueType valueType) {
        Metric wanted = Metric.custom(name, type, valueType);
        Metric existing = byName.putIfAbsent(name, wanted);
        if (existing == null) return wanted;
        if (existing.type() != type || existing.valueType() != valueType) {
            throw new IllegalArgumentException("metric '" + name + "' already exists as a " + existing.type().k6Name()
                    + (existing.isTime() ? " (time)" : "") + "; it cannot be redefined as a " + type.k6Name());
        }
        return existing;
    }

    public Metric get(String name) {
        return byName.get(name);
    }

    public Collection<Metric> all() {
        return List.copyOf(new ArrayList<>(byName.values()));
    }
}
