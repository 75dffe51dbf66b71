package io.loadtcp.engine.metrics.threshold;

/** The comparison of a threshold expression. {@code ==} and {@code ===} are the same: both sides are numbers. */
public enum Operator {
    STRICT_EQUAL("==="),
    EQUAL("=="),
    NOT_EQUAL("!="),
    GREATER_OR_EQUAL(">="),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    LESS("<");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True when {@code observed OP limit} holds. */
    public boolean test(double observed, double limit) {
        return switch (this) {
            case STRICT_EQUAL, EQUAL -> observed == limit;
            case NOT_EQUAL -> observed != limit;
            case GREATER_OR_EQUAL -> observed >= limit;
            case LESS_OR_EQUAL -> observed <= limit;
            case GREATER -> observed > limit;
            case LESS -> observed < limit;
        };
    }

    /** The operator that {@code text} starts with at {@code at} (longest match), or null. */
    static Operator at(String text, int at) {
        for (Operator op : values()) { // declared longest first
            if (text.startsWith(op.symbol, at)) return op;
        }
        return null;
    }
}
