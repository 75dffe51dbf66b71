package io.loadtcp.engine.output.file;

import io.loadtcp.engine.metrics.SampleBuffer;

/** How samples become lines of a file: k6's JSON lines or its CSV. Used by one writer thread, so it may keep state. */
public interface SampleFormat {
    /** Text that opens the file (CSV's header line), or "". */
    String header();

    /** Appends sample {@code i} of {@code samples}, with its line break. */
    void append(SampleBuffer samples, int i, StringBuilder out);

    /** A sample's value as k6 exports it: times in milliseconds (the engine keeps nanoseconds), the rest as is. */
    static double exported(SampleBuffer samples, int i) {
        double v = samples.value(i);
        return samples.metric(i).isTime() ? v / 1e6 : v;
    }
}
