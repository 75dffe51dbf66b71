package io.loadtcp.script;

import io.loadtcp.engine.metrics.Metric;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/** The Java half of a custom metric ({@code k6/metrics}) in one VU: adds samples with the VU's current tags. */
public final class MetricHandle {
    private final Metric metric;
    private final JsVirtualUser vu;

    MetricHandle(Metric metric, JsVirtualUser vu) {
        this.metric = metric;
        this.vu = vu;
    }

    @Export
    public void add(double value, Value tags) {
        if (vu == null) throw new IllegalStateException(metric.name() + ".add() is only available inside an iteration");
        vu.requireIteration(metric.name() + ".add()");
        // Time trends are given in milliseconds, as in k6, and kept in nanoseconds like the built-in ones.
        double v = metric.isTime() ? value * 1_000_000 : value;
        vu.sink().add(metric, vu.metricTags().with(JsValues.tags(tags)), v);
    }
}
