package io.loadtcp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadtcp.engine.executor.ConstantVus;
import io.loadtcp.engine.executor.ExecutionTuple;
import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.executor.ScenarioConfigParser;
import io.loadtcp.engine.executor.ScenarioSettings;
import io.loadtcp.engine.executor.SharedIterations;
import io.loadtcp.engine.executor.Stage;
import io.loadtcp.engine.metrics.threshold.MetricThresholds;
import io.loadtcp.engine.net.TlsSettings;
import io.loadtcp.engine.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The test's options after merging the script's {@code options} with the command line (flags win), validated all
 * at once: every problem is listed in one {@link UserError} (exit 104). The scenarios come from
 * {@code options.scenarios}, or from k6's shortcuts: {@code stages} / {@code --stage} → ramping-vus,
 * {@code iterations} → shared-iterations, {@code duration} → constant-vus. Shortcuts given on the command line replace
 * the script's scenarios; in the script itself, a shortcut next to {@code scenarios} is an error (as in k6).
 */
record RunOptions(List<Executor> executors, TlsSettings tls, List<String> trendStats,
                  List<MetricThresholds> thresholds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Without scenarios, --stage or an execution segment (the original shortcuts only). */
    static RunOptions resolve(JsonNode script, Integer cliVus, String cliDuration, Long cliIterations) {
        return resolve(script, cliVus, cliDuration, cliIterations, List.of(), ExecutionTuple.FULL, null);
    }

    /**
     * {@code exported}: the script's exported functions, to check each scenario's {@code exec} (null: not checked).
     */
    static RunOptions resolve(JsonNode script, Integer cliVus, String cliDuration, Long cliIterations,
                              List<String> cliStages, ExecutionTuple tuple, Set<String> exported) {
        List<String> problems = new ArrayList<>();
        ScenarioConfigParser parser = new ScenarioConfigParser(tuple);
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
        List<String> trendStats = new ArrayList<>();
        if (script.has("summaryTrendStats")) script.get("summaryTrendStats").forEach(n -> trendStats.add(n.asText()));
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
            stages = parser.stages(JSON.convertValue(script.get("stages"), Object.class), "stages", true);
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
            executors.addAll(parser.scenarios(JSON.convertValue(script.get("scenarios"), Object.class)));
        } else {
            executors.add(shortcut(vus, duration, iterations, gracefulStop, tuple));
        }
        problems.addAll(parser.problems());
        List<MetricThresholds> thresholds = ThresholdOptions.fromScript(script, problems);
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
        return new RunOptions(List.copyOf(executors), tls, trendStats, thresholds);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        return v.isNumber() ? v.asText() + "ms" : v.asText(); // k6: a bare number of ms
    }

    /** k6's shortcuts: iterations → shared-iterations; duration → constant-vus; neither → 1 iteration. */
    private static Executor shortcut(int vus, Duration duration, Long iterations, Duration gracefulStop,
                                     ExecutionTuple tuple) {
        ScenarioSettings settings = new ScenarioSettings("default", null, gracefulStop, null, null, null);
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
