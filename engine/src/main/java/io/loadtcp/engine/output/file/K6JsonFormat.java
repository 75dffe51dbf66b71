package io.loadtcp.engine.output.file;

import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.SampleBuffer;
import io.loadtcp.engine.metrics.Tags;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * k6's {@code --out json} lines: a {@code Metric} line the first time a metric appears, then a {@code Point} line per
 * sample, with its time (RFC 3339, nanoseconds, UTC), its value (times in milliseconds) and its tags.
 * <pre>
 * {"type":"Metric","data":{"name":"tcp_reads","type":"counter","contains":"default","tainted":null,"thresholds":[],"submetrics":null},"metric":"tcp_reads"}
 * {"type":"Point","data":{"time":"2026-11-22T09:34:45.625742514Z","value":1,"tags":{"host":"127.0.0.1","port":"7007","proto":"tcp","scenario":"default"}},"metric":"tcp_reads"}
 * </pre>
 */
public final class K6JsonFormat implements SampleFormat {
    private volatile Map<String, List<String>> thresholds = Map.of();
    private final Set<Metric> declared = new HashSet<>();
    private final RenderedTags renderedTags = new RenderedTags(K6JsonFormat::render);
    private final UtcTimestamps timestamps = new UtcTimestamps();

    /**
     * Each metric's threshold expressions, listed in its {@code Metric} line as k6 does. Set before the run starts:
     * the file is created before the script that declares them is loaded.
     */
    public void thresholds(Map<String, List<String>> byMetric) {
        this.thresholds = Map.copyOf(byMetric);
    }

    @Override
    public String header() {
        return "";
    }

    @Override
    public void append(SampleBuffer samples, int i, StringBuilder out) {
        Metric metric = samples.metric(i);
        if (declared.add(metric)) declare(metric, out);
        out.append("{\"type\":\"Point\",\"data\":{\"time\":\"");
        timestamps.appendNanos(samples.epochNanos(i), out);
        out.append("\",\"value\":");
        JsonText.appendNumber(SampleFormat.exported(samples, i), out);
        out.append(",\"tags\":").append(renderedTags.of(samples.tags(i))).append("},\"metric\":\"").append(metric.name()).append("\"}\n");
    }

    private void declare(Metric metric, StringBuilder out) {
        out.append("{\"type\":\"Metric\",\"data\":{\"name\":\"").append(metric.name())
                .append("\",\"type\":\"").append(metric.type().k6Name())
                .append("\",\"contains\":\"").append(metric.valueType().k6Name())
                .append("\",\"tainted\":null,\"thresholds\":[");
        List<String> list = thresholds.getOrDefault(metric.name(), List.of());
        for (int t = 0; t < list.size(); t++) {
            if (t > 0) out.append(',');
            JsonText.appendString(list.get(t), out);
        }
        out.append("],\"submetrics\":null},\"metric\":\"").append(metric.name()).append("\"}\n");
    }

    private static String render(Tags tags) {
        if (tags.isEmpty()) return "null";
        StringBuilder b = new StringBuilder("{");
        tags.asMap().forEach((k, v) -> {
            if (b.length() > 1) b.append(',');
            JsonText.appendString(k, b);
            b.append(':');
            JsonText.appendString(v, b);
        });
        return b.append('}').toString();
    }
}
