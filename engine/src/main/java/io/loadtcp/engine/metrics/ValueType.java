package io.loadtcp.engine.metrics;

/** What a metric's numbers mean, so the summary can show units that fit. */
public enum ValueType {
    /** A plain number. */
    DEFAULT,
    /** A duration, stored in nanoseconds, shown in µs/ms/s. */
    TIME,
    /** A number of bytes, shown in kB/MB. */
    DATA;

    public String k6Name() {
        return switch (this) {
            case DEFAULT -> "default";
            case TIME -> "time";
            case DATA -> "data";
        };
    }
}
