package io.loadtcp.engine.executor;

/**
 * A (from, to] share of a test's work, 0 ≤ from &lt; to ≤ 1, as in k6's {@code --execution-segment}: each instance
 * of a distributed test knows only its own segment and computes its exact share of VUs, iterations and arrivals.
 */
public final class ExecutionSegment {
    public static final ExecutionSegment FULL = new ExecutionSegment(Fraction.ZERO, Fraction.ONE);

    private final Fraction from;
    private final Fraction to;
    private final Fraction length;

    ExecutionSegment(Fraction from, Fraction to) {
        if (from.compareTo(Fraction.ZERO) < 0) {
            throw new IllegalArgumentException("segment start value should be at least 0 but was " + from);
        }
        if (from.compareTo(to) >= 0) {
            throw new IllegalArgumentException("segment start (" + from + ") should be less than its end (" + to + ")");
        }
        if (to.compareTo(Fraction.ONE) > 0) {
            throw new IllegalArgumentException("segment end value shouldn't be more than 1 but was " + to);
        }
        this.from = from;
        this.to = to;
        this.length = to.minus(from);
    }

    /**
     * Parses "1/3:2/3", "0.5:0.75", "50%:75%"; a value without a colon is the end of a segment starting at 0
     * ("20%" is 0:1/5); empty is the whole test. Throws IllegalArgumentException with k6's wording.
     */
    public static ExecutionSegment parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) return FULL;
        Fraction from = Fraction.ZERO;
        String toText = s;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            from = Fraction.parse(s.substring(0, colon));
            toText = s.substring(colon + 1);
        }
        return new ExecutionSegment(from, Fraction.parse(toText));
    }

    Fraction from() {
        return from;
    }

    Fraction to() {
        return to;
    }

    Fraction length() {
        return length;
    }

    public boolean isFull() {
        return from.equals(Fraction.ZERO) && to.equals(Fraction.ONE);
    }

    public double floatLength() {
        return length.num().doubleValue() / length.den().doubleValue();
    }

    /**
     * k6's {@code ExecutionSegment.Scale}: round(value·to − round(value·from)). Without a sequence this is the
     * share of {@code value}; the shares of a full sequence's segments add up to {@code value}.
     */
    public long scale(long value) {
        long fromValue = from.times(value).roundHalfUp();
        return to.times(value).minus(Fraction.of(fromValue, 1)).roundHalfUp();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionSegment s && s.from.equals(from) && s.to.equals(to);
    }

    @Override
    public int hashCode() {
        return from.hashCode() * 31 + to.hashCode();
    }

    @Override
    public String toString() {
        return from + ":" + to;
    }
}
