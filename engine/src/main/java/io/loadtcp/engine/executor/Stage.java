package io.loadtcp.engine.executor;

import java.time.Duration;
import java.util.List;

/** One step of a ramp: reach {@code target} (VUs, or iterations per time unit) linearly over {@code duration}. */
public record Stage(Duration duration, long target) {
    public static Duration total(List<Stage> stages) {
        return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The linearly interpolated value {@code elapsedNanos} into the stages, starting from {@code start}; truncated
     * toward the stage's starting value (a ramp from 0 to 10 over 10 s has 1 at 1 s). Past the end: the last target.
     */
    public static long valueAt(long start, List<Stage> stages, long elapsedNanos) {
        long from = start;
        long t = elapsedNanos;
        for (Stage s : stages) {
            long d = s.duration().toNanos();
            if (t < d) {
                return from + (long) ((double) (s.target() - from) * t / d);
            }
            t -= d;
            from = s.target();
        }
        return from;
    }
}
