package io.loadtcp.engine.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable, sorted set of tag key/values attached to samples. Instances are built once per socket or
 * write and reused, so the hot path only hashes an existing object.
 */
public final class Tags {
    public static final Tags EMPTY = new Tags(new TreeMap<>());

    private final TreeMap<String, String> values;
    private final int hash;

    private Tags(TreeMap<String, String> values) {
        this.values = values;
        this.hash = values.hashCode();
    }

    public static Tags of(Map<String, String> values) {
        return values.isEmpty() ? EMPTY : new Tags(new TreeMap<>(values));
    }

    public static Tags of(String... keyValues) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) m.put(keyValues[i], keyValues[i + 1]);
        return m.isEmpty() ? EMPTY : new Tags(m);
    }

    /** These tags with {@code key} set to {@code value}. */
    public Tags with(String key, String value) {
        if (value.equals(values.get(key))) return this;
        TreeMap<String, String> m = new TreeMap<>(values);
        m.put(key, value);
        return new Tags(m);
    }

    /** These tags overlaid with {@code more} (more wins). */
    public Tags with(Tags more) {
        if (more.values.isEmpty()) return this;
        if (values.isEmpty()) return more;
        TreeMap<String, String> m = new TreeMap<>(values);
        m.putAll(more.values);
        return new Tags(m);
    }

    public String get(String key) {
        return values.get(key);
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** True when every tag in {@code subset} is present here with the same value. */
    public boolean containsAll(Tags subset) {
        for (Map.Entry<String, String> e : subset.values.entrySet()) {
            if (!e.getValue().equals(values.get(e.getKey()))) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tags t && t.hash == hash && t.values.equals(values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
