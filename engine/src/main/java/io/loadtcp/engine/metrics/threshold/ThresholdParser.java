package io.loadtcp.engine.metrics.threshold;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the entries of {@code options.thresholds} into {@link MetricThresholds}, reporting every problem at once. */
public final class ThresholdParser {
    private ThresholdParser() {}

    /** One threshold as the script wrote it: the string form, or the object form's three fields. */
    public record Definition(String expression, boolean abortOnFail, Duration delayAbortEval) {
        public static Definition of(String expression) {
            return new Definition(expression, false, null);
        }
    }

    /**
     * Parses every entry (in the given order); throws a {@link ThresholdException} listing each selector and
     * expression that does not parse, with the column of the problem.
     */
    public static List<MetricThresholds> parse(Map<String, List<Definition>> entries) {
        List<String> problems = new ArrayList<>();
        List<MetricThresholds> parsed = parse(entries, problems);
        if (!problems.isEmpty()) throw new ThresholdException(problems);
        return parsed;
    }

    /** As {@link #parse(Map)}, adding the problems to {@code problems} instead of throwing. */
    public static List<MetricThresholds> parse(Map<String, List<Definition>> entries, List<String> problems) {
        List<MetricThresholds> out = new ArrayList<>();
        for (Map.Entry<String, List<Definition>> e : entries.entrySet()) {
            MetricSelector selector = null;
            try {
                selector = MetricSelector.parse(e.getKey());
            } catch (ThresholdSyntaxException x) {
                problems.add("threshold metric \"" + e.getKey() + "\" column " + x.column() + ": " + x.problem());
            }
            String on = selector == null ? e.getKey() : selector.toString();
            List<Threshold> thresholds = new ArrayList<>();
            for (Definition d : e.getValue()) {
                try {
                    thresholds.add(new Threshold(ThresholdExpression.parse(d.expression()), d.abortOnFail(),
                            d.delayAbortEval()));
                } catch (ThresholdSyntaxException x) {
                    problems.add("threshold \"" + d.expression() + "\" on " + on + " column " + x.column() + ": "
                            + x.problem());
                }
            }
            if (selector != null) out.add(new MetricThresholds(selector, thresholds));
        }
        return out;
    }
}
