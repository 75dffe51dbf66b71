package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loadtcp.engine.RunResult;
import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.metrics.threshold.MetricThresholds;
import io.loadtcp.engine.metrics.threshold.ThresholdEvaluator;
import io.loadtcp.engine.metrics.threshold.ThresholdParser;
import io.loadtcp.engine.metrics.threshold.ThresholdParser.Definition;
import io.loadtcp.engine.metrics.threshold.ThresholdResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handleSummary(data) object: k6's shape, times in ms, thresholds' ok flags, groups and checks. */
class SummaryDataTest {
    private static void add(Map<Metric, Map<Tags, Aggregate>> into, Metric m, Tags tags, double... values) {
        Aggregate a = into.computeIfAbsent(m, k -> new HashMap<>()).computeIfAbsent(tags, t -> Aggregate.newFor(m.type()));
        for (double v : values) a.add(v);
    }

    @Test
    void dataHasK6sHandleSummaryShape() {
        Map<Metric, Map<Tags, Aggregate>> samples = new HashMap<>();
        Tags alpha = Tags.of("scenario", "alpha");
        add(samples, BuiltinMetrics.ITERATION_DURATION, alpha, 1e6, 2e6, 3e6, 4e6); // 1–4 ms
        add(samples, BuiltinMetrics.ITERATIONS, alpha, 1, 1, 1, 1);
        add(samples, BuiltinMetrics.CHECKS, alpha.with("check", "ok"), 1, 1, 0);
        add(samples, BuiltinMetrics.CHECKS, alpha.with("group", "::a::b").with("check", "deep"), 1);
        add(samples, BuiltinMetrics.VUS, Tags.EMPTY, 3);
        MetricsStore store = new MetricsStore();
        store.merge(samples);
        RunResult result = new RunResult(store, Duration.ofSeconds(2), 3, null, null, null);

        Map<String, List<Definition>> defs = new LinkedHashMap<>();
        defs.put("iteration_duration", List.of(Definition.of("p(95)<1"), Definition.of("max<10")));
        defs.put("iterations{scenario:alpha}", List.of(Definition.of("count==4")));
        List<MetricThresholds> thresholds = ThresholdParser.parse(defs);
        List<ThresholdResult> results = new ThresholdEvaluator(thresholds).evaluate(store, result.elapsed());

        ObjectNode data = SummaryData.of(result, results,
                new RunOptions.Summary(List.of("avg", "p(99)", "count"), "ms", RunOptions.SummaryMode.COMPACT, null),
                false, true);

        JsonNode it = data.at("/metrics/iteration_duration");
        assertEquals("trend", it.get("type").asText());
        assertEquals("time", it.get("contains").asText());
        assertEquals(2.5, it.at("/values/avg").asDouble(), 1e-9, data.toPrettyString());
        assertEquals(4, it.at("/values/count").asDouble(), "count is not a time");
        assertEquals(4, it.at("/values/p(99)").asDouble(), 0.01);
        assertFalse(it.at("/thresholds/p(95)<1/ok").asBoolean(), data.toPrettyString());
        assertTrue(it.at("/thresholds/max<10/ok").asBoolean(), data.toPrettyString());

        JsonNode iterations = data.at("/metrics/iterations");
        assertEquals("counter", iterations.get("type").asText());
        assertEquals(4, iterations.at("/values/count").asDouble());
        assertEquals(2, iterations.at("/values/rate").asDouble(), 1e-9);
        JsonNode sub = data.get("metrics").get("iterations{scenario:alpha}");
        assertEquals(4, sub.at("/values/count").asDouble(), data.toPrettyString());
        assertTrue(sub.at("/thresholds/count==4/ok").asBoolean());

        JsonNode checks = data.at("/metrics/checks/values");
        assertEquals(3, checks.get("passes").asLong());
        assertEquals(1, checks.get("fails").asLong());
        assertEquals(0.75, checks.get("rate").asDouble(), 1e-9);
        assertEquals(3, data.at("/metrics/vus/values/value").asDouble());

        JsonNode root = data.get("root_group");
        assertEquals("", root.get("path").asText());
        assertEquals("ok", root.at("/checks/0/name").asText());
        assertEquals(2, root.at("/checks/0/passes").asLong());
        JsonNode b = root.at("/groups/0/groups/0");
        assertEquals("::a::b", b.get("path").asText());
        assertEquals(SummaryData.id("::a::b::deep"), b.at("/checks/0/id").asText());

        assertEquals("ms", data.at("/options/summaryTimeUnit").asText());
        assertEquals(3, data.at("/options/summaryTrendStats").size());
        assertFalse(data.at("/state/isStdOutTTY").asBoolean());
        assertTrue(data.at("/state/isStdErrTTY").asBoolean());
        assertEquals(2000, data.at("/state/testRunDurationMs").asDouble(), 1e-9);

        ObjectNode legacy = SummaryData.legacyExport(data);
        assertFalse(legacy.has("state") || legacy.has("options"));
        assertEquals(2.5, legacy.at("/metrics/iteration_duration/avg").asDouble(), 1e-9);
        assertTrue(legacy.at("/metrics/iteration_duration/thresholds/p(95)<1").asBoolean(), "true: failed");
        assertEquals(0.75, legacy.at("/metrics/checks/value").asDouble(), 1e-9);
        assertEquals(1, legacy.at("/root_group/groups/a/groups/b/checks/deep/passes").asLong());
    }
}
