package io.loadtcp.engine.executor;

import java.util.ArrayList;
import java.util.List;

/**
 * k6's {@code --execution-segment-sequence 0,1/3,2/3,1}: the ordered, gap-free segments all instances of a test use.
 * Knowing the whole sequence lets each instance stripe work between the segments (see {@link ExecutionTuple}) so that
 * the instances' shares always add up to the unsplit value.
 */
public final class ExecutionSegmentSequence {
    private final List<ExecutionSegment> segments;

    ExecutionSegmentSequence(List<ExecutionSegment> segments) {
        for (int i = 1; i < segments.size(); i++) {
            if (!segments.get(i).from().equals(segments.get(i - 1).to())) {
                throw new IllegalArgumentException("the start value " + segments.get(i).from() + " of segment #" + i
                        + " must be equal to the end value of the previous one, but it is " + segments.get(i - 1).to());
            }
        }
        this.segments = List.copyOf(segments);
    }

    /** Parses "r1,r2,...,rn" into (r1,r2], (r2,r3], ...; empty means none (the whole test as one segment). */
    public static ExecutionSegmentSequence parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) return new ExecutionSegmentSequence(List.of());
        String[] points = s.split(",");
        if (points.length < 2) {
            throw new IllegalArgumentException("at least 2 points are needed for an execution segment sequence, "
                    + points.length + " given");
        }
        List<ExecutionSegment> out = new ArrayList<>();
        Fraction start = Fraction.parse(points[0]);
        for (int i = 1; i < points.length; i++) {
            Fraction end = Fraction.parse(points[i]);
            out.add(new ExecutionSegment(start, end));
            start = end;
        }
        return new ExecutionSegmentSequence(out);
    }

    public List<ExecutionSegment> segments() {
        return segments;
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /** Whether it starts at 0 and ends at 1. */
    public boolean isFull() {
        return !segments.isEmpty() && segments.get(0).from().equals(Fraction.ZERO)
                && segments.get(segments.size() - 1).to().equals(Fraction.ONE);
    }

    /**
     * k6's {@code GetFilledExecutionSegmentSequence}: this sequence (or, when empty, just {@code fallback}) with the
     * gaps before and after filled, so that it covers 0..1.
     */
    ExecutionSegmentSequence filled(ExecutionSegment fallback) {
        List<ExecutionSegment> result = new ArrayList<>();
        if (segments.isEmpty()) {
            if (fallback == null || fallback.isFull()) return new ExecutionSegmentSequence(List.of(ExecutionSegment.FULL));
            result.add(fallback);
        } else {
            result.addAll(segments);
        }
        if (!result.get(0).from().equals(Fraction.ZERO)) {
            result.add(0, new ExecutionSegment(Fraction.ZERO, result.get(0).from()));
        }
        if (!result.get(result.size() - 1).to().equals(Fraction.ONE)) {
            result.add(new ExecutionSegment(result.get(result.size() - 1).to(), Fraction.ONE));
        }
        return new ExecutionSegmentSequence(result);
    }

    /** The least common denominator of the segments' lengths. */
    public long lcd() {
        long acc = segments.get(0).length().den().longValueExact();
        for (ExecutionSegment s : segments.subList(1, segments.size())) {
            long n = s.length().den().longValueExact();
            if (acc == n || acc % n == 0) continue;
            acc *= n / gcd(acc, n);
        }
        return acc;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public String toString() {
        if (segments.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(segments.get(0).from().toString());
        for (ExecutionSegment s : segments) sb.append(',').append(s.to());
        return sb.toString();
    }
}
