package io.loadtcp.engine.metrics.threshold;

import java.time.Duration;

/**
 * One threshold of a metric: its condition, and whether crossing it during the run stops the test
 * ({@code abortOnFail}), no earlier than {@code delayAbortEval} after the test started (null: at once).
 */
public record Threshold(ThresholdExpression expression, boolean abortOnFail, Duration delayAbortEval) {
    public static Threshold of(String expression) {
        return new Threshold(ThresholdExpression.parse(expression), false, null);
    }

    public String source() {
        return expression.source();
    }

    /** True when a failure at {@code elapsed} into the test stops it. */
    public boolean abortsAt(Duration elapsed) {
        return abortOnFail && (delayAbortEval == null || elapsed.compareTo(delayAbortEval) > 0);
    }
}
