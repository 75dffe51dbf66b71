package io.loadtcp.engine.metrics;

import java.util.regex.Pattern;

/**
 * A named metric. Time metrics are always recorded in nanoseconds so that loopback latencies keep
 * sub-millisecond precision; conversion happens only when values are displayed.
 */
public record Metric(String name, MetricType type, ValueType valueType, boolean builtin) {
    private static final Pattern VALID_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]{0,127}$");

    public Metric {
        if (!VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name '" + name
                    + "': use letters, digits and '_' (not first), at most 128 characters");
        }
    }

    public static Metric custom(String name, MetricType type, ValueType valueType) {
        return new Metric(name, type, valueType, false);
    }

    public boolean isTime() {
        return valueType == ValueType.TIME;
    }

    @Override
    public String toString() {
        return name;
    }
}
