package io.loadtcp.engine.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One instance's segment within the full sequence (k6's {@code ExecutionTuple}), with the striping that decides which
 * of every {@code lcd} consecutive items (VUs, iterations, arrivals) belong to this instance. Scaling by stripes is
 * exact and monotonic: the shares of all segments add up to the value, and a larger value never gives a smaller share.
 */
public final class ExecutionTuple {
    /** The whole test on one instance. */
    public static final ExecutionTuple FULL = of(ExecutionSegment.FULL, null);

    private final ExecutionSegmentSequence sequence;
    private final ExecutionSegment segment;
    private final int index;
    private final long lcd;
    private final long start;
    private final long[] offsets;

    private ExecutionTuple(ExecutionSegmentSequence sequence, ExecutionSegment segment, int index) {
        this.sequence = sequence;
        this.segment = segment;
        this.index = index;
        this.lcd = sequence.lcd();
        long[][] all = stripes(sequence, lcd);
        this.start = all[index][0];
        this.offsets = Arrays.copyOfRange(all[index], 1, all[index].length);
    }

    /**
     * The tuple for {@code segment} (null: the whole test) in {@code sequence} (null or empty: the segment alone,
     * gaps filled). Throws IllegalArgumentException when the segment is not one of the sequence's.
     */
    public static ExecutionTuple of(ExecutionSegment segment, ExecutionSegmentSequence sequence) {
        ExecutionSegment seg = segment == null ? ExecutionSegment.FULL : segment;
        ExecutionSegmentSequence filled = (sequence == null ? new ExecutionSegmentSequence(List.of()) : sequence).filled(seg);
        int index = filled.segments().indexOf(seg);
        if (index < 0) {
            throw new IllegalArgumentException("couldn't find segment " + seg + " in sequence " + filled);
        }
        return new ExecutionTuple(filled, seg, index);
    }

    public ExecutionSegment segment() {
        return segment;
    }

    public ExecutionSegmentSequence sequence() {
        return sequence;
    }

    public boolean isFull() {
        return sequence.segments().size() == 1;
    }

    /** This instance's share of {@code value} (k6's {@code ExecutionTuple.ScaleInt64}). */
    public long scale(long value) {
        if (isFull()) return value;
        long result = (value / lcd) * offsets.length;
        long rem = value % lcd;
        int gi = 0;
        for (long i = start; i < rem; i += offsets[gi++]) result++;
        return result;
    }

    public int scale(int value) {
        return (int) scale((long) value);
    }

    /** The first of every {@code lcd} items that is this instance's (0-based). */
    public long stripeStart() {
        return start;
    }

    /** The gaps between this instance's consecutive items, repeating; they add up to {@code lcd}. */
    public long[] stripeOffsets() {
        return offsets.clone();
    }

    public long lcd() {
        return lcd;
    }

    /**
     * The test-wide index of this instance's {@code local}-th item (0-based): what {@link Stripe#next()} returns the
     * {@code local+1}-th time, computed directly so any thread can ask. Unique across the instances of a sequence.
     */
    public long globalIndex(long local) {
        if (offsets.length == 0) return start + local;
        long cycleLength = 0;
        for (long o : offsets) cycleLength += o;
        long v = start + (local / offsets.length) * cycleLength;
        int rest = (int) (local % offsets.length);
        for (int k = 0; k < rest; k++) v += offsets[k];
        return v;
    }

    /** An iterator over the global (unsplit) indices that belong to this instance: start, start+o0, +o1, ... */
    public Stripe stripe() {
        return new Stripe(start, offsets);
    }

    /** The global 0-based indices of this instance's items, in order. Not thread-safe. */
    public static final class Stripe {
        private final long[] offsets;
        private long next;
        private int k;

        Stripe(long start, long[] offsets) {
            this.offsets = offsets;
            this.next = start;
        }

        /** The next global index of this instance. */
        public long next() {
            long v = next;
            next += offsets[k];
            k = (k + 1) % offsets.length;
            return v;
        }
    }

    /**
     * k6's striping: each segment gets its normalised numerator's worth of every {@code lcd} items, spread out,
     * largest segments choosing first. Returns per segment {start, offset1, offset2, ...}.
     */
    private static long[][] stripes(ExecutionSegmentSequence seq, long lcd) {
        List<ExecutionSegment> segs = seq.segments();
        int n = segs.size();
        long[] norm = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            Fraction len = segs.get(i).length();
            norm[i] = len.num().longValueExact() * (lcd / len.den().longValueExact());
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> norm[i]).reversed()); // stable, as k6's SliceStable
        List<List<Long>> offsets = new ArrayList<>();
        for (int i = 0; i < n; i++) offsets.add(new ArrayList<>());
        long[] prev = new long[n];
        long[] chosen = new long[n];
        for (long i = 0; i < lcd; i++) {
            for (int s = 0; s < n; s++) {
                long num = chosen[s] * lcd;
                long denom = norm[order[s]];
                if (i > num / denom || (i == num / denom && num % denom == 0)) {
                    chosen[s]++;
                    int idx = order[s];
                    List<Long> o = offsets.get(idx);
                    o.add(i - prev[idx]);
                    prev[idx] = i;
                    if (o.size() == denom) o.add(o.get(0) + lcd - i);
                    break;
                }
            }
        }
        long[][] out = new long[n][];
        for (int i = 0; i < n; i++) out[i] = offsets.get(i).stream().mapToLong(Long::longValue).toArray();
        return out;
    }

    @Override
    public String toString() {
        return segment + " in " + sequence;
    }
}
