package io.loadtcp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.loadtcp.engine.metrics.threshold.MetricThresholds;
import io.loadtcp.engine.metrics.threshold.ThresholdParser;
import io.loadtcp.engine.metrics.threshold.ThresholdParser.Definition;
import io.loadtcp.engine.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code options.thresholds}: {@code {"metric{tag:value}": ["p(95)<200", {threshold, abortOnFail,
 * delayAbortEval}]}}. Every problem, of shape or of syntax, is added to the caller's list.
 */
final class ThresholdOptions {
    private ThresholdOptions() {}

    static List<MetricThresholds> fromScript(JsonNode options, List<String> problems) {
        JsonNode node = options.get("thresholds");
        if (node == null || node.isNull()) return List.of();
        if (!node.isObject()) {
            problems.add("thresholds must be an object like { \"metric\": [\"p(95)<200\"] }");
            return List.of();
        }
        Map<String, List<Definition>> entries = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode list = e.getValue();
            if (!list.isArray()) {
                problems.add("thresholds on " + key + " must be an array, e.g. [\"p(95)<200\"]");
                continue;
            }
            List<Definition> defs = new ArrayList<>();
            for (JsonNode item : list) {
                Definition d = definition(key, item, problems);
                if (d != null) defs.add(d);
            }
            entries.put(key, defs);
        }
        return ThresholdParser.parse(entries, problems);
    }

    private static Definition definition(String key, JsonNode item, List<String> problems) {
        if (item.isTextual()) return Definition.of(item.asText());
        if (!item.isObject() || !item.path("threshold").isTextual()) {
            problems.add("threshold " + item + " on " + key + " must be a string or {threshold: \"…\", abortOnFail, delayAbortEval}");
            return null;
        }
        String expression = item.get("threshold").asText();
        JsonNode abort = item.path("abortOnFail");
        if (!abort.isMissingNode() && !abort.isNull() && !abort.isBoolean()) {
            problems.add("threshold \"" + expression + "\" on " + key + ": abortOnFail must be true or false");
        }
        Duration delay = null;
        JsonNode delayNode = item.path("delayAbortEval");
        if (!delayNode.isMissingNode() && !delayNode.isNull()) {
            try {
                String text = delayNode.isNumber() ? delayNode.asText() + "ms" : delayNode.asText(); // k6: a number is ms
                delay = Durations.parse(text, "delayAbortEval");
            } catch (IllegalArgumentException e) {
                problems.add("threshold \"" + expression + "\" on " + key + ": " + e.getMessage());
            }
        }
        return new Definition(expression, abort.asBoolean(false), delay);
    }
}
