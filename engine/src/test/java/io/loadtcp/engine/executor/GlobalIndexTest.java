package io.loadtcp.engine.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** exec.scenario.iterationInTest: the direct mapping agrees with the stripe and is unique across instances. */
class GlobalIndexTest {
    @Test
    void globalIndexMatchesTheStripeAndInstancesNeverCollide() {
        ExecutionSegmentSequence seq = ExecutionSegmentSequence.parse("0,1/4,1/2,1");
        Set<Long> seen = new HashSet<>();
        for (String seg : new String[] {"0:1/4", "1/4:1/2", "1/2:1"}) {
            ExecutionTuple t = ExecutionTuple.of(ExecutionSegment.parse(seg), seq);
            ExecutionTuple.Stripe stripe = t.stripe();
            for (long i = 0; i < 200; i++) {
                long g = t.globalIndex(i);
                assertEquals(stripe.next(), g, seg + " item " + i);
                assertTrue(seen.add(g), "index " + g + " given twice");
            }
        }
        assertEquals(600, seen.size());
    }
}
