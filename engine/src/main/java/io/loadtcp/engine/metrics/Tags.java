package io.loadtcp.engine.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of tag key/values attached to samples, kept as one flat array sorted by key. Recording looks
 * series up by tags on every sample, and sockets build equal but distinct instances, so {@link #equals} must be
 * cheap: it compares two short arrays (a profile showed TreeMap comparison as the engine's top cost).
 */
public final class Tags {
    public static final Tags EMPTY = new Tags(new String[0]);

    /** key0, value0, key1, value1, … sorted by key. */
    private final String[] kv;
    private final int hash;

    private Tags(String[] kv) {
        this.kv = kv;
        this.hash = Arrays.hashCode(kv);
    }

    private static Tags fromSorted(TreeMap<String, String> m) {
        if (m.isEmpty()) return EMPTY;
        String[] kv = new String[m.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : m.entrySet()) {
            kv[i++] = e.getKey();
            kv[i++] = e.getValue();
        }
        return new Tags(kv);
    }

    public static Tags of(Map<String, String> values) {
        return values.isEmpty() ? EMPTY : fromSorted(new TreeMap<>(values));
    }

    public static Tags of(String... keyValues) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) m.put(keyValues[i], keyValues[i + 1]);
        return fromSorted(m);
    }

    private TreeMap<String, String> toTreeMap() {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** These tags with {@code key} set to {@code value}. */
    public Tags with(String key, String value) {
        if (value.equals(get(key))) return this;
        TreeMap<String, String> m = toTreeMap();
        m.put(key, value);
        return fromSorted(m);
    }

    /** These tags overlaid with {@code more} (more wins). */
    public Tags with(Tags more) {
        if (more.kv.length == 0) return this;
        if (kv.length == 0) return more;
        TreeMap<String, String> m = toTreeMap();
        for (int i = 0; i < more.kv.length; i += 2) m.put(more.kv[i], more.kv[i + 1]);
        return fromSorted(m);
    }

    public String get(String key) {
        for (int i = 0; i < kv.length; i += 2) if (kv[i].equals(key)) return kv[i + 1];
        return null;
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    public boolean isEmpty() {
        return kv.length == 0;
    }

    /** True when every tag in {@code subset} is present here with the same value. */
    public boolean containsAll(Tags subset) {
        for (int i = 0; i < subset.kv.length; i += 2) {
            if (!subset.kv[i + 1].equals(get(subset.kv[i]))) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Tags t && t.hash == hash && Arrays.equals(t.kv, kv));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
