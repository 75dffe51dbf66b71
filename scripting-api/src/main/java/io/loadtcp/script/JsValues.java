package io.loadtcp.script;

import io.loadtcp.engine.metrics.Tags;
import java.util.TreeMap;
import org.graalvm.polyglot.Value;

/** Conversions from JavaScript values to engine types. */
final class JsValues {
    private JsValues() {}

    /** A JS object of string values as {@link Tags}; null/undefined as no tags. */
    static Tags tags(Value object) {
        if (object == null || object.isNull() || !object.hasMembers()) return Tags.EMPTY; // the common case: no tags
        TreeMap<String, String> m = new TreeMap<>();
        for (String k : object.getMemberKeys()) {
            Value v = object.getMember(k);
            m.put(k, v.isString() ? v.asString() : v.toString());
        }
        return Tags.of(m);
    }
}
