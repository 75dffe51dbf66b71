package io.loadtcp.engine.metrics.threshold;

/** A threshold expression or metric selector that does not parse; {@link #column()} is 1-based. */
public final class ThresholdSyntaxException extends IllegalArgumentException {
    private final String source;
    private final int column;
    private final String problem;

    ThresholdSyntaxException(String source, int column, String problem) {
        super("\"" + source + "\" column " + column + ": " + problem);
        this.source = source;
        this.column = column;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public int column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
