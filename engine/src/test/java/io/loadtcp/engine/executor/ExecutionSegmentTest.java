package io.loadtcp.engine.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Execution segments and sequences, checked against the values of k6's own tests (lib/execution_segment_test.go). */
class ExecutionSegmentTest {
    private static ExecutionTuple tuple(String seg, String seq) {
        return ExecutionTuple.of(ExecutionSegment.parse(seg), ExecutionSegmentSequence.parse(seq));
    }

    @Test
    void parsesK6sSegmentForms() {
        assertEquals("1/2:3/4", ExecutionSegment.parse("0.5:0.75").toString());
        assertEquals("1/2:3/4", ExecutionSegment.parse("50%:75%").toString());
        assertEquals("1/2:3/4", ExecutionSegment.parse("2/4:75%").toString());
        assertEquals("0:1/5", ExecutionSegment.parse("20%").toString());
        assertEquals(ExecutionSegment.FULL, ExecutionSegment.parse(""));
        for (String bad : List.of("-0.5:1", "1:1", "3/4:1/2", "0:1.5", "a:1", "1/0")) {
            assertThrows(IllegalArgumentException.class, () -> ExecutionSegment.parse(bad), bad);
        }
    }

    @Test
    void parsesSequencesLikeK6() {
        for (String bad : List.of("0.5", "1,1", "-0.5,1", "1/2,1/2", "1/2,1/3", "0,1,1/2")) {
            assertThrows(IllegalArgumentException.class, () -> ExecutionSegmentSequence.parse(bad), bad);
        }
        assertEquals("1/2,7/10,1", ExecutionSegmentSequence.parse("0.5,0.7,1").toString());
        assertEquals("0,1/13,2/13,1/3,1/2,3/4,1", ExecutionSegmentSequence.parse("0,1/13,2/13,1/3,1/2,3/4,1").toString());
    }

    @Test
    void lcdAsK6() {
        assertEquals(10, ExecutionSegmentSequence.parse("0,0.3,0.5,0.6,0.7,0.8,0.9,1").lcd());
        assertEquals(6, ExecutionSegmentSequence.parse("0,1/3,5/6").lcd());
        assertEquals(21, ExecutionSegmentSequence.parse("0,1/3,4/7").lcd());
    }

    @Test
    void stripedOffsetsAsK6() {
        record Case(String seq, String seg, long start, long[] offsets, long lcd) {}
        List<Case> cases = List.of(
                new Case("0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0:0.3", 0, new long[] {4, 3, 3}, 10),
                new Case("0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.3:0.5", 1, new long[] {4, 6}, 10),
                new Case("0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.5:0.6", 2, new long[] {10}, 10),
                new Case("0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.6:0.7", 3, new long[] {10}, 10),
                new Case("0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.8:0.9", 8, new long[] {10}, 10),
                new Case("0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.9:1", 9, new long[] {10}, 10),
                new Case("0,0.2,0.5,0.6,0.7,0.8,0.9,1", "0:0.2", 1, new long[] {4, 6}, 10),
                new Case("0,0.2,0.5", "0:0.2", 3, new long[] {6, 4}, 10),
                new Case("0,0.2,0.5", "0.2:0.5", 1, new long[] {4, 2, 4}, 10),
                new Case("0,2/5,4/5", "0:2/5", 0, new long[] {3, 2}, 5),
                new Case("0,2/5,4/5", "2/5:4/5", 1, new long[] {3, 2}, 5),
                new Case("", "0:0.2", 1, new long[] {5}, 5),
                new Case("", "0:0.4", 1, new long[] {2, 3}, 5),
                new Case("", "2/5:4/5", 1, new long[] {3, 2}, 5),
                new Case("", "1/10:5/10", 1, new long[] {2, 2, 4, 2}, 10));
        for (Case c : cases) {
            ExecutionTuple t = tuple(c.seg, c.seq);
            String what = c.seg + " in " + c.seq;
            assertEquals(c.start, t.stripeStart(), what);
            assertArrayEquals(c.offsets, t.stripeOffsets(), what);
            assertEquals(c.lcd, t.lcd(), what);
        }
    }

    @Test
    void tupleScaleAsK6ForThirds() {
        String thirds = "0,1/3,2/3,1";
        ExecutionTuple first = tuple("0:1/3", thirds);
        ExecutionTuple second = tuple("1/3:2/3", thirds);
        ExecutionTuple third = tuple("2/3:1", thirds);
        assertEquals(List.of(17L, 1L, 1L, 1L, 0L), List.of(first.scale(50L), first.scale(3L), first.scale(2L), first.scale(1L), first.scale(0L)));
        assertEquals(List.of(17L, 1L, 1L, 0L, 0L), List.of(second.scale(50L), second.scale(3L), second.scale(2L), second.scale(1L), second.scale(0L)));
        assertEquals(List.of(16L, 1L, 0L, 0L, 0L), List.of(third.scale(50L), third.scale(3L), third.scale(2L), third.scale(1L), third.scale(0L)));
        assertEquals(50, ExecutionTuple.FULL.scale(50L));
    }

    @Test
    void segmentScaleAsK6() {
        // k6's ExecutionSegment.Scale: round(v·to − round(v·from))
        assertEquals(1, ExecutionSegment.parse("0:1/3").scale(2));
        assertEquals(0, ExecutionSegment.parse("1/3:2/3").scale(2));
        assertEquals(1, ExecutionSegment.parse("2/3:1").scale(2));
        assertEquals(5, ExecutionSegment.parse("0.5:1").scale(10));
    }

    @Test
    void sharesOfRandomSequencesAddUpAndNeverShrink() {
        Random r = new Random(42);
        for (int test = 0; test < 50; test++) {
            int n = 2 + r.nextInt(9);
            long[] nums = new long[n];
            long den = 0;
            for (int i = 0; i < n; i++) den += nums[i] = 1 + r.nextInt(200);
            StringBuilder seq = new StringBuilder("0");
            long acc = 0;
            for (int i = 0; i < n; i++) {
                acc += nums[i];
                seq.append(',').append(acc).append('/').append(den);
            }
            ExecutionSegmentSequence s = ExecutionSegmentSequence.parse(seq.toString());
            long value = 2 + r.nextInt(2000);
            long total = 0;
            for (ExecutionSegment seg : s.segments()) {
                ExecutionTuple t = ExecutionTuple.of(seg, s);
                total += t.scale(value);
                long last = 0;
                for (long v = 1; v < 300; v++) {
                    long now = t.scale(v);
                    assertTrue(now >= last, "wobble at " + v + " for " + t);
                    last = now;
                }
            }
            assertEquals(value, total, seq::toString);
        }
    }

    @Test
    void stripesPartitionTheGlobalIndices() {
        String thirds = "0,1/3,2/3,1";
        boolean[] seen = new boolean[300];
        for (String seg : List.of("0:1/3", "1/3:2/3", "2/3:1")) {
            ExecutionTuple.Stripe stripe = tuple(seg, thirds).stripe();
            for (long g = stripe.next(); g < seen.length; g = stripe.next()) {
                assertTrue(!seen[(int) g], "index " + g + " given twice");
                seen[(int) g] = true;
            }
        }
        for (int i = 0; i < seen.length; i++) assertTrue(seen[i], "index " + i + " given to nobody");
    }

    @Test
    void segmentMustBeInTheSequence() {
        assertThrows(IllegalArgumentException.class, () -> tuple("0:1/4", "0,1/3,2/3,1"));
    }
}
