package io.loadtcp.engine.metrics;

/** The four k6 metric types; each decides how samples aggregate and which statistics a summary shows. */
public enum MetricType {
    /** A sum that only grows: count and rate per second. */
    COUNTER,
    /** The last value set, with its min and max. */
    GAUGE,
    /** The share of non-zero samples: passes out of total. */
    RATE,
    /** A distribution: avg, min, med, max and percentiles. */
    TREND;

    public String k6Name() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
