package io.loadtcp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loadtcp.script.JsonText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * k6's option layers, merged into one {@code options} object before {@link RunOptions#resolve}: defaults &lt; config
 * file ({@code --config}, the same keys as {@code options}) &lt; the script's {@code options} &lt; environment variables
 * ({@code LOADTCP_*}, or k6's {@code K6_*}; LOADTCP_ wins) &lt; command-line flags. As in k6, a layer that sets any of
 * {@code duration}, {@code iterations}, {@code stages} or {@code scenarios} replaces all four of the lower layers;
 * {@code tags} merge key by key; every other key is replaced whole. Problems (an unparsable {@code K6_VUS}, …) go to
 * the caller's list, to be reported with the rest.
 */
final class OptionLayers {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> EXECUTION_KEYS = List.of("duration", "iterations", "stages", "scenarios");

    /** One environment variable (without prefix) and how it becomes an option. */
    private record EnvOption(String suffix, BiConsumer<Parsed, String> apply) {}

    private record Parsed(ObjectNode node, String var, List<String> problems) {}

    private static final List<EnvOption> ENV = List.of(
            new EnvOption("VUS", (p, v) -> wholeNumber(p, "vus", v, 0)),
            new EnvOption("DURATION", (p, v) -> p.node().put("duration", v)),
            new EnvOption("ITERATIONS", (p, v) -> wholeNumber(p, "iterations", v, 1)),
            new EnvOption("STAGES", OptionLayers::stages),
            new EnvOption("TAGS", OptionLayers::tags),
            new EnvOption("NO_THRESHOLDS", (p, v) -> bool(p, "noThresholds", v)),
            new EnvOption("NO_SETUP", (p, v) -> bool(p, "noSetup", v)),
            new EnvOption("NO_TEARDOWN", (p, v) -> bool(p, "noTeardown", v)),
            new EnvOption("INSECURE_SKIP_TLS_VERIFY", (p, v) -> bool(p, "insecureSkipTLSVerify", v)),
            new EnvOption("SUMMARY_TREND_STATS", OptionLayers::trendStats),
            new EnvOption("SUMMARY_TIME_UNIT", (p, v) -> p.node().put("summaryTimeUnit", v.trim())),
            new EnvOption("SUMMARY_EXPORT", (p, v) -> p.node().put("summaryExport", v)),
            new EnvOption("SUMMARY_MODE", (p, v) -> p.node().put("summaryMode", v.trim())));

    /** The environment variable names read, LOADTCP_ first (for help and docs). */
    static List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (EnvOption o : ENV) names.add("LOADTCP_" + o.suffix());
        for (EnvOption o : ENV) names.add("K6_" + o.suffix());
        return names;
    }

    private OptionLayers() {}

    /**
     * Reads a {@code --config} file: a JSON object of options. Missing or unreadable: exit 4; not a JSON object:
     * exit 104; both as one line.
     */
    static ObjectNode readConfig(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(ExitCodes.IO_ERROR, "config file " + file + " not found");
        } catch (IOException e) {
            throw new UserError(ExitCodes.IO_ERROR, "cannot read config file " + file + ": " + IoErrors.describe(e));
        }
        JsonNode node;
        try {
            node = JsonText.parse(text);
        } catch (JsonProcessingException e) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "config file " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "): "
                    + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode o)) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "config file " + file
                    + " must hold a JSON object of options, e.g. {\"vus\": 10, \"duration\": \"30s\"}");
        }
        return o;
    }

    /** The options the environment sets; unusable values are added to {@code problems} and left out. */
    static ObjectNode fromEnvironment(Map<String, String> environment, List<String> problems) {
        ObjectNode node = NODES.objectNode();
        for (EnvOption o : ENV) {
            String var = "LOADTCP_" + o.suffix();
            String value = environment.get(var);
            if (value == null) {
                var = "K6_" + o.suffix();
                value = environment.get(var);
            }
            if (value != null) o.apply().accept(new Parsed(node, var, problems), value);
        }
        return node;
    }

    /** {@code layers} merged from lowest to highest precedence (nulls skipped); none is modified. */
    static ObjectNode merge(JsonNode... layers) {
        ObjectNode out = NODES.objectNode();
        for (JsonNode layer : layers) {
            if (!(layer instanceof ObjectNode o)) continue;
            if (EXECUTION_KEYS.stream().anyMatch(o::hasNonNull)) out.remove(EXECUTION_KEYS);
            for (var it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode below = out.get(e.getKey());
                if (e.getKey().equals("tags") && below instanceof ObjectNode b && e.getValue() instanceof ObjectNode t) {
                    ObjectNode tags = b.deepCopy();
                    tags.setAll(t.deepCopy());
                    out.set("tags", tags);
                } else {
                    out.set(e.getKey(), e.getValue().deepCopy());
                }
            }
        }
        return out;
    }

    private static void wholeNumber(Parsed p, String key, String value, long min) {
        try {
            long n = Long.parseLong(value.trim());
            if (n < min) throw new NumberFormatException();
            p.node().put(key, n);
        } catch (NumberFormatException e) {
            p.problems().add(p.var() + " must be a whole number, " + (min == 0 ? "0 or more" : "at least " + min)
                    + ", got \"" + value + "\"");
        }
    }

    private static void bool(Parsed p, String key, String value) {
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> p.node().put(key, true);
            case "false", "0", "no", "" -> p.node().put(key, false);
            default -> p.problems().add(p.var() + " must be true or false, got \"" + value + "\"");
        }
    }

    /** {@code 10s:5,1m:5,10s:0}, as {@code --stage}. */
    private static void stages(Parsed p, String value) {
        ArrayNode stages = NODES.arrayNode();
        for (String part : value.split(",")) {
            String s = part.trim();
            int colon = s.lastIndexOf(':');
            String target = colon <= 0 ? "" : s.substring(colon + 1).trim();
            if (colon <= 0 || !target.matches("\\d+")) {
                p.problems().add(p.var() + ": invalid stage \"" + s + "\": use DURATION:TARGET[,...], e.g. 30s:10");
                return;
            }
            stages.addObject().put("duration", s.substring(0, colon).trim()).put("target", Long.parseLong(target));
        }
        p.node().set("stages", stages);
    }

    /** {@code key=value,key2=value2}. */
    private static void tags(Parsed p, String value) {
        ObjectNode tags = NODES.objectNode();
        for (String part : value.split(",")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0) {
                p.problems().add(p.var() + ": invalid tag \"" + part.trim() + "\": use KEY=VALUE[,...]");
                return;
            }
            tags.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        p.node().set("tags", tags);
    }

    /** {@code avg,p(99.9),count}. */
    private static void trendStats(Parsed p, String value) {
        ArrayNode stats = NODES.arrayNode();
        for (String s : value.split(",")) if (!s.isBlank()) stats.add(s.trim());
        p.node().set("summaryTrendStats", stats);
    }
}
