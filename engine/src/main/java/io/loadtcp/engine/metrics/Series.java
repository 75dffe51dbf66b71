package io.loadtcp.engine.metrics;

/**
 * One metric with fixed tags, bound once so that hot paths (a socket's reads and writes) record a sample without
 * looking the series up again. Confined to the thread of the sink that made it, like the sink itself.
 */
public interface Series {
    /** Adds a sample; for time metrics {@code value} is in nanoseconds. */
    void add(double value);

    default void increment() {
        add(1);
    }
}
