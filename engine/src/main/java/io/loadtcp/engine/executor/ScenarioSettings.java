package io.loadtcp.engine.executor;

import io.loadtcp.engine.metrics.Tags;
import java.time.Duration;
import java.util.Map;

/** The keys every scenario has (REFERENCE.md §3): name, start time, graceful stop, function, tags, env. */
public record ScenarioSettings(String name, Duration startTime, Duration gracefulStop, String exec, Tags tags,
                               Map<String, String> env) {
    public static final Duration DEFAULT_GRACEFUL_STOP = Duration.ofSeconds(30);

    public ScenarioSettings {
        if (startTime == null) startTime = Duration.ZERO;
        if (gracefulStop == null) gracefulStop = DEFAULT_GRACEFUL_STOP;
        if (exec == null || exec.isEmpty()) exec = "default";
        if (tags == null) tags = Tags.EMPTY;
        env = env == null ? Map.of() : Map.copyOf(env);
        tags = tags.with("scenario", name);
    }

    public static ScenarioSettings named(String name) {
        return new ScenarioSettings(name, null, null, null, null, null);
    }
}
