package io.loadtcp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.loadtcp.engine.executor.ConstantVus;
import io.loadtcp.engine.executor.ExecutionTuple;
import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.executor.ScenarioConfigParser;
import io.loadtcp.engine.executor.ScenarioSettings;
import io.loadtcp.engine.executor.SharedIterations;
import io.loadtcp.engine.executor.Stage;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.metrics.threshold.MetricThresholds;
import io.loadtcp.engine.net.TlsSettings;
import io.loadtcp.engine.Durations;
import io.loadtcp.script.JsonText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test's options after merging the option layers ({@link OptionLayers}: config file, script, environment, flags)
 * with the command line's shortcut flags (they win), validated all at once: every problem, the layers' included, is
 * listed in one {@link UserError} (exit 104). The scenarios come from
 * {@code options.scenarios}, or from k6's shortcuts: {@code stages} / {@code --stage} → ramping-vus,
 * {@code iterations} → shared-iterations, {@code duration} → constant-vus. Shortcuts given on the command line replace
 * the script's scenarios; in the script itself, a shortcut next to {@code scenarios} is an error (as in k6).
 */
record RunOptions(List<Executor> executors, TlsSettings tls, List<String> trendStats,
                  List<MetricThresholds> thresholds, Tags tags, Summary summary, boolean noSetup,
                  boolean noTeardown) {
    private static final Set<String> TIME_UNITS = Set.of("ns", "us", "µs", "ms", "s", "m");
    private static final Pattern TREND_STAT = Pattern.compile("avg|min|med|max|count|p\\((\\d+(\\.\\d+)?)\\)");

    /** How the end-of-run summary is shown. */
    enum SummaryMode { COMPACT, FULL }

    /**
     * {@code timeUnit}: null for a unit that fits each value, else one of ns, us, ms, s, m; {@code export}: the
     * {@code --summary-export} file, or null.
     */
    record Summary(List<String> trendStats, String timeUnit, SummaryMode mode, String export) {}

    /**
     * {@code script}: the merged option layers ({@link OptionLayers}), the CLI's shortcut flags apart;
     * {@code exported}: the script's exported functions, to check each scenario's {@code exec} (null: not checked);
     * {@code earlier}: problems already found in the layers, reported together with these.
     */
    static RunOptions resolve(JsonNode script, Integer cliVus, String cliDuration, Long cliIterations,
                              List<String> cliStages, ExecutionTuple tuple, Set<String> exported,
                              List<String> earlier) {
        List<String> problems = new ArrayList<>(earlier);
        Tags tags = tags(script.get("tags"), problems);
        ScenarioConfigParser parser = new ScenarioConfigParser(tuple, tags);
        int vus = 1;
        if (cliVus != null) vus = cliVus;
        else if (script.hasNonNull("vus")) vus = script.get("vus").asInt(-1);
        if (vus < 0) problems.add("vus must be 0 or more, got " + vus);

        Duration duration = null;
        String durationText = cliDuration != null ? cliDuration : text(script, "duration");
        if (durationText != null) {
            try {
                duration = Durations.parse(durationText, "duration");
                if (duration.isZero() || duration.isNegative()) problems.add("duration must be positive, got " + durationText);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        Long iterations = cliIterations != null ? cliIterations
                : script.hasNonNull("iterations") ? script.get("iterations").asLong() : null;
        if (iterations != null && iterations < 1) problems.add("iterations must be 1 or more, got " + iterations);

        Duration gracefulStop = ScenarioSettings.DEFAULT_GRACEFUL_STOP;
        if (script.hasNonNull("gracefulStop")) {
            try {
                gracefulStop = Durations.parse(text(script, "gracefulStop"), "gracefulStop");
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        TlsSettings tls = null;
        try {
            tls = TlsOptions.fromScript(script);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Summary summary = summary(script, problems);
        boolean cliShortcut = cliDuration != null || cliIterations != null || !cliStages.isEmpty();
        boolean hasScenarios = script.hasNonNull("scenarios");
        if (hasScenarios && !cliShortcut) {
            for (String shortcut : List.of("stages", "duration", "iterations")) {
                if (script.hasNonNull(shortcut)) {
                    problems.add("\"" + shortcut + "\" cannot be used together with \"scenarios\" in options"
                            + " (describe it as a scenario, or give --" + (shortcut.equals("stages") ? "stage" : shortcut)
                            + " on the command line to replace the scenarios)");
                }
            }
        }
        List<Stage> stages = List.of();
        if (!cliStages.isEmpty()) {
            stages = parser.stagesFlag(cliStages);
        } else if (!cliShortcut && !hasScenarios && script.hasNonNull("stages")) {
            stages = parser.stages(JsonText.plain(script.get("stages")), "stages", true);
            if (script.hasNonNull("duration") || script.hasNonNull("iterations")) {
                problems.add("\"stages\" cannot be used together with \"duration\" or \"iterations\" in options");
            }
        }
        boolean useStages = !cliStages.isEmpty() || (!cliShortcut && !hasScenarios && script.hasNonNull("stages"));
        List<Executor> executors = new ArrayList<>();
        if (useStages) {
            if (!cliStages.isEmpty() && (cliDuration != null || cliIterations != null)) {
                problems.add("--stage cannot be used together with --duration or --iterations");
            }
            executors.add(parser.stagesShortcut(stages, cliVus != null || script.hasNonNull("vus") ? vus : 1, gracefulStop));
        } else if (hasScenarios && !cliShortcut) {
            executors.addAll(parser.scenarios(JsonText.plain(script.get("scenarios"))));
        } else {
            executors.add(shortcut(vus, duration, iterations, gracefulStop, tuple, tags));
        }
        problems.addAll(parser.problems());
        boolean noThresholds = flag(script, "noThresholds", problems);
        List<MetricThresholds> thresholds = noThresholds ? List.of() : ThresholdOptions.fromScript(script, problems);
        boolean noSetup = flag(script, "noSetup", problems);
        boolean noTeardown = flag(script, "noTeardown", problems);
        if (exported != null) {
            for (Executor e : executors) {
                String fn = e.settings().exec();
                if (!exported.contains(fn)) {
                    problems.add("scenario " + e.settings().name() + ": exec function \"" + fn + "\" is not exported by the script");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "invalid options: " + String.join("; ", problems));
        }
        return new RunOptions(List.copyOf(executors), tls, summary.trendStats(), thresholds, tags, summary, noSetup,
                noTeardown);
    }

    /** {@code options.tags}: test-wide tags, an object of strings (numbers and booleans are written as text). */
    private static Tags tags(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) return Tags.EMPTY;
        if (!node.isObject()) {
            problems.add("tags must be an object like { \"env\": \"staging\" }");
            return Tags.EMPTY;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isContainerNode() || e.getValue().isNull()) {
                problems.add("tags." + e.getKey() + " must be a string, got " + e.getValue());
            } else if (e.getKey().equals("scenario") || e.getKey().equals("group") || e.getKey().equals("check")) {
                problems.add("tag \"" + e.getKey() + "\" is set by loadtcp itself and cannot be a test-wide tag");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return Tags.of(out);
    }

    private static Summary summary(JsonNode script, List<String> problems) {
        List<String> trendStats = new ArrayList<>();
        JsonNode stats = script.get("summaryTrendStats");
        if (stats != null && !stats.isNull()) {
            if (!stats.isArray()) problems.add("summaryTrendStats must be a list like [\"avg\", \"p(99)\"]");
            for (JsonNode n : stats) {
                String stat = n.asText().strip();
                Matcher m = TREND_STAT.matcher(stat);
                if (!m.matches() || (m.group(1) != null && Double.parseDouble(m.group(1)) > 100)) {
                    problems.add("summaryTrendStats: unknown stat \"" + stat
                            + "\" (use avg, min, med, max, count or p(N) with N from 0 to 100)");
                } else {
                    trendStats.add(stat);
                }
            }
        }
        String unit = plain(script, "summaryTimeUnit");
        if (unit != null && !TIME_UNITS.contains(unit)) {
            problems.add("summaryTimeUnit must be one of ns, us, ms, s, m, got \"" + unit + "\"");
            unit = null;
        }
        SummaryMode mode = SummaryMode.COMPACT;
        String modeText = plain(script, "summaryMode");
        if (modeText != null) {
            switch (modeText) {
                case "compact" -> mode = SummaryMode.COMPACT;
                case "full" -> mode = SummaryMode.FULL;
                default -> problems.add("summaryMode must be compact or full, got \"" + modeText + "\"");
            }
        }
        String export = plain(script, "summaryExport");
        return new Summary(List.copyOf(trendStats), unit, mode, export == null || export.isBlank() ? null : export);
    }

    private static String plain(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText().strip();
    }

    private static boolean flag(JsonNode script, String key, List<String> problems) {
        JsonNode v = script.get(key);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) problems.add(key + " must be true or false, got " + v);
        return v.asBoolean(false);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        return v.isNumber() ? v.asText() + "ms" : v.asText(); // k6: a bare number of ms
    }

    /** k6's shortcuts: iterations → shared-iterations; duration → constant-vus; neither → 1 iteration. */
    private static Executor shortcut(int vus, Duration duration, Long iterations, Duration gracefulStop,
                                     ExecutionTuple tuple, Tags tags) {
        ScenarioSettings settings = new ScenarioSettings("default", null, gracefulStop, null, tags, null);
        if (iterations != null) {
            return new SharedIterations(settings, tuple.scale(Math.max(1, vus)), tuple.scale((long) iterations), duration);
        }
        if (duration != null) return new ConstantVus(settings, tuple.scale(vus), duration);
        return new SharedIterations(settings, tuple.scale(Math.max(1, vus)), tuple.scale(1L), null);
    }

    /** The single executor of a run without scenarios (the first otherwise). */
    Executor executor() {
        return executors.get(0);
    }
}
