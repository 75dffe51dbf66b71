package io.loadtcp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loadtcp.engine.RunResult;
import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.CounterAggregate;
import io.loadtcp.engine.metrics.GaugeAggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.RateAggregate;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.metrics.TrendAggregate;
import io.loadtcp.engine.metrics.ValueType;
import io.loadtcp.engine.metrics.threshold.ThresholdResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-of-test data in k6's {@code handleSummary(data)} shape: {@code metrics[name] = {type, contains, values,
 * thresholds?}} (times in milliseconds, sub-metrics of tag-filtered thresholds as {@code "name{tag:value}"}),
 * {@code root_group} (groups and checks with k6's md5 ids), {@code options} and {@code state}. {@link #legacyExport}
 * turns it into what k6's {@code --summary-export} writes, so jq scripts written for k6 keep working.
 */
final class SummaryData {
    static final List<String> DEFAULT_TREND_STATS = List.of("avg", "min", "med", "max", "p(90)", "p(95)");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String SEPARATOR = "::";

    private SummaryData() {}

    /**
     * The {@code data} object. {@code summary}: the trend stats and time unit asked for;
     * {@code stdoutTty}/{@code stderrTty}: k6's {@code state.isStdOutTTY}/{@code isStdErrTTY}.
     */
    static ObjectNode of(RunResult result, List<ThresholdResult> thresholds, RunOptions.Summary summary,
                         boolean stdoutTty, boolean stderrTty) {
        List<String> trendStats = summary.trendStats().isEmpty() ? DEFAULT_TREND_STATS : summary.trendStats();
        MetricsStore store = result.metrics();
        double seconds = Math.max(1e-9, result.elapsed().toNanos() / 1e9);
        ObjectNode data = NODES.objectNode();

        ObjectNode metrics = data.putObject("metrics");
        List<Metric> all = new ArrayList<>(store.metrics());
        all.sort(Comparator.comparing(Metric::name));
        for (Metric m : all) metrics.set(m.name(), metric(m, store.aggregate(m), trendStats, seconds));
        for (ThresholdResult r : thresholds) {
            String name = r.selector().filter().isEmpty() ? r.metric().name() : r.selector().toString();
            ObjectNode entry = (ObjectNode) metrics.get(name);
            if (entry == null) {
                Aggregate a = store.aggregate(r.metric(), r.selector().filter());
                entry = metric(r.metric(), a, trendStats, seconds);
                metrics.set(name, entry);
            }
            ObjectNode ts = entry.has("thresholds") ? (ObjectNode) entry.get("thresholds") : entry.putObject("thresholds");
            ts.putObject(r.threshold().source()).put("ok", r.passed());
        }

        data.set("root_group", rootGroup(store));

        ObjectNode options = data.putObject("options");
        ArrayNode stats = options.putArray("summaryTrendStats");
        trendStats.forEach(stats::add);
        options.put("summaryTimeUnit", summary.timeUnit() == null ? "" : summary.timeUnit());
        options.put("noColor", false);

        ObjectNode state = data.putObject("state");
        state.put("isStdOutTTY", stdoutTty);
        state.put("isStdErrTTY", stderrTty);
        state.put("testRunDurationMs", result.elapsed().toNanos() / 1e6);
        return data;
    }

    /**
     * k6's {@code --summary-export} shape (k6's {@code oldJSONSummary}): each metric is its {@code values}, with
     * {@code thresholds: {expression: failed}} (true when it failed, as k6 writes it) and a Rate's {@code rate}
     * named {@code value}; groups and checks are objects keyed by name; no {@code options} or {@code state}.
     */
    static ObjectNode legacyExport(ObjectNode data) {
        ObjectNode out = NODES.objectNode();
        ObjectNode metrics = out.putObject("metrics");
        for (var it = data.path("metrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ObjectNode values = ((ObjectNode) e.getValue().get("values")).deepCopy();
            if (e.getValue().path("type").asText().equals("rate") && values.has("rate")) {
                values.set("value", values.remove("rate"));
            }
            JsonNode thresholds = e.getValue().get("thresholds");
            if (thresholds != null && !thresholds.isEmpty()) {
                ObjectNode failed = values.putObject("thresholds");
                thresholds.fields().forEachRemaining(t -> failed.put(t.getKey(), !t.getValue().path("ok").asBoolean()));
            }
            metrics.set(e.getKey(), values);
        }
        out.set("root_group", legacyGroup(data.path("root_group")));
        return out;
    }

    /** Writes {@link #legacyExport} of {@code data} to {@code file}; a failure is one line, exit 4. */
    static void writeExport(Path file, ObjectNode data) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, JSON.writeValueAsString(legacyExport(data)) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(ExitCodes.IO_ERROR, "cannot write the summary export " + file + ": " + IoErrors.describe(e), e);
        }
    }

    private static ObjectNode metric(Metric m, Aggregate a, List<String> trendStats, double seconds) {
        ObjectNode node = NODES.objectNode();
        node.put("type", m.type().name().toLowerCase(java.util.Locale.ROOT));
        node.put("contains", switch (m.valueType()) {
            case TIME -> "time";
            case DATA -> "data";
            case DEFAULT -> "default";
        });
        ObjectNode values = node.putObject("values");
        double scale = m.valueType() == ValueType.TIME ? 1e-6 : 1; // ns → ms, as k6's data
        switch (a == null ? Aggregate.newFor(m.type()) : a) {
            case TrendAggregate t -> {
                for (String stat : trendStats) {
                    double v = SummaryRenderer.stat(t, stat);
                    values.put(stat, stat.equals("count") ? v : v * scale);
                }
            }
            case CounterAggregate c -> {
                values.put("count", c.sum() * scale);
                values.put("rate", c.sum() * scale / seconds);
            }
            case GaugeAggregate g -> {
                values.put("value", g.value() * scale);
                values.put("min", g.min() * scale);
                values.put("max", g.max() * scale);
            }
            case RateAggregate r -> {
                values.put("rate", r.rate());
                values.put("passes", r.passes());
                values.put("fails", r.fails());
            }
        }
        return node;
    }

    /** The group tree, from the {@code group} and {@code check} tags of checks and group durations. */
    private static ObjectNode rootGroup(MetricsStore store) {
        Group root = new Group("", "");
        for (Metric m : store.metrics()) {
            boolean isChecks = m.name().equals("checks");
            if (!isChecks && !m.name().equals("group_duration")) continue;
            for (Map.Entry<Tags, Aggregate> s : store.series(m).entrySet()) {
                Group g = root.find(s.getKey().get("group"));
                String check = s.getKey().get("check");
                if (isChecks && check != null && s.getValue() instanceof RateAggregate r) {
                    g.checks.computeIfAbsent(check, k -> new RateAggregate()).mergeFrom(r);
                }
            }
        }
        return root.toJson();
    }

    private static JsonNode legacyGroup(JsonNode group) {
        ObjectNode out = ((ObjectNode) group).deepCopy();
        ObjectNode groups = NODES.objectNode();
        for (JsonNode g : group.path("groups")) groups.set(g.path("name").asText(), legacyGroup(g));
        out.set("groups", groups);
        ObjectNode checks = NODES.objectNode();
        for (JsonNode c : group.path("checks")) checks.set(c.path("name").asText(), c.deepCopy());
        out.set("checks", checks);
        return out;
    }

    /** k6's ids: the hex md5 of the path ({@code ::outer::inner}, a check's is its group's path + {@code ::name}). */
    static String id(String path) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(path.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Group {
        final String name;
        final String path;
        final Map<String, Group> groups = new TreeMap<>();
        final Map<String, RateAggregate> checks = new TreeMap<>();

        Group(String name, String path) {
            this.name = name;
            this.path = path;
        }

        /** The group at {@code path} ("::a::b"; null: this root), created on the way. */
        Group find(String path) {
            if (path == null || path.isEmpty()) return this;
            Group g = this;
            for (String part : path.substring(SEPARATOR.length()).split(SEPARATOR, -1)) {
                Group parent = g;
                g = parent.groups.computeIfAbsent(part, n -> new Group(n, parent.path + SEPARATOR + n));
            }
            return g;
        }

        ObjectNode toJson() {
            ObjectNode node = NODES.objectNode();
            node.put("name", name);
            node.put("path", path);
            node.put("id", id(path));
            ArrayNode gs = node.putArray("groups");
            for (Group g : groups.values()) gs.add(g.toJson());
            ArrayNode cs = node.putArray("checks");
            Map<String, RateAggregate> sorted = new LinkedHashMap<>(checks);
            for (Map.Entry<String, RateAggregate> c : sorted.entrySet()) {
                String checkPath = path + SEPARATOR + c.getKey();
                cs.addObject().put("name", c.getKey()).put("path", checkPath).put("id", id(checkPath))
                        .put("passes", c.getValue().passes()).put("fails", c.getValue().fails());
            }
            return node;
        }
    }
}
