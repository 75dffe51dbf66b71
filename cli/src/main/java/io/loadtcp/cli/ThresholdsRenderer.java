package io.loadtcp.cli;

import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricType;
import io.loadtcp.engine.metrics.threshold.Aggregation;
import io.loadtcp.engine.metrics.threshold.MetricSelector;
import io.loadtcp.engine.metrics.threshold.ThresholdResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary's THRESHOLDS section, first as in k6: per metric (with its tag filter) each expression with ✓ or ✗ and the value
 * observed, e.g. {@code ✓ 'p(95)<200' p(95)=1.2ms}, in the units the metric's other summary line uses.
 */
final class ThresholdsRenderer {
    private ThresholdsRenderer() {}

    static void render(StringBuilder out, List<ThresholdResult> results) {
        render(out, results, null);
    }

    /** {@code timeUnit}: trend times shown in it (summaryTimeUnit), or null for a unit that fits. */
    static void render(StringBuilder out, List<ThresholdResult> results, String timeUnit) {
        if (results.isEmpty()) return;
        Map<MetricSelector, List<ThresholdResult>> byMetric = new LinkedHashMap<>();
        for (ThresholdResult r : results) byMetric.computeIfAbsent(r.selector(), k -> new ArrayList<>()).add(r);
        out.append("\n  █ THRESHOLDS\n");
        for (Map.Entry<MetricSelector, List<ThresholdResult>> e : byMetric.entrySet()) {
            out.append("\n    ").append(e.getKey()).append('\n');
            for (ThresholdResult r : e.getValue()) {
                out.append("    ").append(r.passed() ? "✓ '" : "✗ '").append(r.threshold().source()).append("' ")
                        .append(r.aggregation().label()).append('=').append(observed(r, timeUnit));
                if (r.noSamples()) out.append(" (no samples)");
                out.append('\n');
            }
        }
    }

    /** The observed value for people: times as durations, a counter's rate per second, a rate as a percentage. */
    static String observed(ThresholdResult r) {
        return observed(r, null);
    }

    static String observed(ThresholdResult r, String timeUnit) {
        Metric m = r.metric();
        double v = r.observed();
        if (m.type() == MetricType.RATE) return Units.trim(v * 100) + "%";
        if (m.type() == MetricType.COUNTER && r.aggregation().kind() == Aggregation.Kind.RATE) return Units.trim(v) + "/s";
        return switch (m.valueType()) {
            case TIME -> m.type() != MetricType.TREND ? Units.number(v)
                    : timeUnit == null ? Units.duration(v * 1e6) : Units.duration(v * 1e6, timeUnit);
            case DATA -> Units.bytes(v);
            case DEFAULT -> Units.number(v);
        };
    }
}
