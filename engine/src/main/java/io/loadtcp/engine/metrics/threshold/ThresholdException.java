package io.loadtcp.engine.metrics.threshold;

import java.util.List;

/** Thresholds that cannot be used: every problem found, at once, each naming its threshold. */
public final class ThresholdException extends IllegalArgumentException {
    private final List<String> problems;

    public ThresholdException(List<String> problems) {
        super("invalid thresholds: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
