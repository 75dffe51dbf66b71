package io.loadtcp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.loadtcp.engine.executor.ConstantVus;
import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.executor.ScenarioSettings;
import io.loadtcp.engine.executor.SharedIterations;
import io.loadtcp.engine.metrics.threshold.MetricThresholds;
import io.loadtcp.engine.net.TlsSettings;
import io.loadtcp.script.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The test's options after merging the script's {@code options} with the command line (flags win), validated all
 * at once: every problem is listed in one {@link UserError} (exit 104).
 */
record RunOptions(int vus, Duration duration, Long iterations, Duration gracefulStop, TlsSettings tls,
                  List<String> trendStats, List<MetricThresholds> thresholds) {

    static RunOptions resolve(JsonNode script, Integer cliVus, String cliDuration, Long cliIterations) {
        List<String> problems = new ArrayList<>();
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
        List<MetricThresholds> thresholds = ThresholdOptions.fromScript(script, problems);
        if (!problems.isEmpty()) {
            throw new UserError(ExitCodes.INVALID_CONFIG, "invalid options: " + String.join("; ", problems));
        }
        return new RunOptions(vus, duration, iterations, gracefulStop, tls, trendStats, thresholds);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        return v.isNumber() ? v.asText() + "ms" : v.asText(); // k6: a bare number of ms
    }

    /** k6's shortcuts: iterations → shared-iterations; duration → constant-vus; neither → 1 iteration. */
    Executor executor() {
        ScenarioSettings settings = new ScenarioSettings("default", null, gracefulStop, null, null, null);
        if (iterations != null) {
            return new SharedIterations(settings, Math.max(1, vus), iterations, duration);
        }
        if (duration != null) return new ConstantVus(settings, vus, duration);
        return new SharedIterations(settings, Math.max(1, vus), 1, null);
    }
}
