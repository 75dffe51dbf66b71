package io.loadtcp.engine.metrics.threshold;

import io.loadtcp.engine.metrics.MetricType;
import java.util.List;
import java.util.Locale;

/**
 * The left-hand side of a threshold expression: which statistic of the metric is compared. {@code percentile} is
 * only meaningful for {@link Kind#PERCENTILE} (0–100, decimals allowed: {@code p(99.9)}).
 */
public record Aggregation(Kind kind, double percentile) {
    public enum Kind {
        COUNT, RATE, VALUE, AVG, MIN, MAX, MED, PERCENTILE;

        String keyword() {
            return this == PERCENTILE ? "p" : name().toLowerCase(Locale.ROOT);
        }
    }

    public static Aggregation of(Kind kind) {
        return new Aggregation(kind, Double.NaN);
    }

    public static Aggregation percentile(double p) {
        return new Aggregation(Kind.PERCENTILE, p);
    }

    /** The keyword as written in thresholds (and in the summary): {@code count}, {@code p(99.9)}. */
    public String label() {
        if (kind != Kind.PERCENTILE) return kind.keyword();
        return "p(" + (percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile)) + ")";
    }

    /** The aggregations k6 allows on a metric of {@code type}. */
    public static List<String> supportedOn(MetricType type) {
        return switch (type) {
            case COUNTER -> List.of("count", "rate");
            case GAUGE -> List.of("value");
            case RATE -> List.of("rate");
            case TREND -> List.of("avg", "min", "max", "med", "p(N)");
        };
    }

    public boolean supports(MetricType type) {
        return switch (type) {
            case COUNTER -> kind == Kind.COUNT || kind == Kind.RATE;
            case GAUGE -> kind == Kind.VALUE;
            case RATE -> kind == Kind.RATE;
            case TREND -> kind == Kind.AVG || kind == Kind.MIN || kind == Kind.MAX || kind == Kind.MED
                    || kind == Kind.PERCENTILE;
        };
    }

    static Kind keyword(String word) {
        for (Kind k : Kind.values()) if (k != Kind.PERCENTILE && k.keyword().equals(word)) return k;
        return null;
    }

    @Override
    public String toString() {
        return label();
    }
}
