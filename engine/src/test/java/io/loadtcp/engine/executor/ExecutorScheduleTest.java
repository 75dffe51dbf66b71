package io.loadtcp.engine.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedules of the executors, computed without running anything or sleeping. */
class ExecutorScheduleTest {
    private static final ScenarioSettings S = ScenarioSettings.named("s");
    private static final long MS = 1_000_000L;
    private static final String THIRDS = "0,1/3,2/3,1";

    private static ExecutionTuple third(String seg) {
        return ExecutionTuple.of(ExecutionSegment.parse(seg), ExecutionSegmentSequence.parse(THIRDS));
    }

    private static List<Long> offsetsMillis(ArrivalRateExecutor e) {
        List<Long> out = new ArrayList<>();
        ArrivalRateExecutor.Schedule s = e.schedule();
        for (long o = s.take(); o >= 0; o = s.take()) out.add(o / MS);
        return out;
    }

    @Test
    void rampingVusFollowsTheStages() {
        RampingVus r = new RampingVus(S, 2, List.of(new Stage(Duration.ofSeconds(10), 12),
                new Stage(Duration.ofSeconds(5), 12), new Stage(Duration.ofSeconds(10), 0)), null, null);
        assertEquals(12, r.maxVus());
        assertEquals(Duration.ofSeconds(25), r.plannedDuration());
        long[] atSeconds = {0, 1, 5, 9, 10, 12, 15, 16, 20, 24, 25, 30};
        int[] expected = {2, 3, 7, 11, 12, 12, 12, 11, 6, 2, 0, 0};
        for (int i = 0; i < atSeconds.length; i++) {
            assertEquals(expected[i], r.targetAt(atSeconds[i] * 1000 * MS), "at " + atSeconds[i] + "s");
        }
    }

    @Test
    void rampingVusSegmentsAddUpToTheWholeAtEveryMoment() {
        List<Stage> stages = List.of(new Stage(Duration.ofSeconds(10), 20), new Stage(Duration.ofSeconds(10), 5));
        RampingVus whole = new RampingVus(S, 1, stages, null, null);
        List<RampingVus> parts = List.of(new RampingVus(S, 1, stages, null, third("0:1/3")),
                new RampingVus(S, 1, stages, null, third("1/3:2/3")), new RampingVus(S, 1, stages, null, third("2/3:1")));
        assertEquals(20, parts.stream().mapToInt(RampingVus::maxVus).sum());
        for (long ms = 0; ms <= 21_000; ms += 250) {
            long t = ms * MS;
            assertEquals(whole.targetAt(t), parts.stream().mapToInt(p -> p.targetAt(t)).sum(), "at " + ms + "ms");
        }
    }

    @Test
    void constantArrivalRateStartsOnAFixedGridFromTheStart() {
        ConstantArrivalRate c = new ConstantArrivalRate(S, 10, null, Duration.ofSeconds(1), 1, 5, null);
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L), offsetsMillis(c));
        assertEquals(5, c.maxVus());
        ConstantArrivalRate perMinute = new ConstantArrivalRate(S, 3, Duration.ofMinutes(1), Duration.ofMinutes(1), 1, 1, null);
        assertEquals(List.of(0L, 20_000L, 40_000L), offsetsMillis(perMinute));
    }

    @Test
    void constantArrivalRateSegmentsTakeDisjointStripes() {
        ConstantArrivalRate a = new ConstantArrivalRate(S, 10, null, Duration.ofSeconds(1), 3, 6, third("0:1/3"));
        ConstantArrivalRate b = new ConstantArrivalRate(S, 10, null, Duration.ofSeconds(1), 3, 6, third("1/3:2/3"));
        ConstantArrivalRate c = new ConstantArrivalRate(S, 10, null, Duration.ofSeconds(1), 3, 6, third("2/3:1"));
        assertEquals(List.of(0L, 300L, 600L, 900L), offsetsMillis(a));
        assertEquals(List.of(100L, 400L, 700L), offsetsMillis(b));
        assertEquals(List.of(200L, 500L, 800L), offsetsMillis(c));
        assertEquals(List.of(1, 1, 1), List.of(a.preAllocatedVus(), b.preAllocatedVus(), c.preAllocatedVus()));
        assertEquals(6, a.maxVus() + b.maxVus() + c.maxVus());
    }

    @Test
    void rampingArrivalRateStartsWhenTheAreaReachesEachIteration() {
        // 0 → 10/s over 1 s: area(t) = 5t², so the n-th iteration is due at sqrt(n/5) s; 5 in all
        RampingArrivalRate r = new RampingArrivalRate(S, 0, null, List.of(new Stage(Duration.ofSeconds(1), 10)), 1, 1, null);
        assertEquals(List.of(447L, 632L, 774L, 894L, 1000L), offsetsMillis(r));
        // then 10/s held for 1 s: every 100 ms after the ramp
        RampingArrivalRate held = new RampingArrivalRate(S, 0, null, List.of(new Stage(Duration.ofSeconds(1), 10),
                new Stage(Duration.ofSeconds(1), 10)), 1, 1, null);
        List<Long> o = offsetsMillis(held);
        assertEquals(15, o.size());
        assertEquals(List.of(1100L, 1200L, 1300L), o.subList(5, 8));
        assertEquals(2000L, o.get(14));
        // a constant rate given as startRate: no start at 0, one every 1/rate
        RampingArrivalRate flat = new RampingArrivalRate(S, 4, null, List.of(new Stage(Duration.ofSeconds(1), 4)), 1, 1, null);
        assertEquals(List.of(250L, 500L, 750L, 1000L), offsetsMillis(flat));
    }

    @Test
    void rampingArrivalRateSegmentsAddUp() {
        List<Stage> stages = List.of(new Stage(Duration.ofSeconds(2), 50), new Stage(Duration.ofSeconds(1), 0));
        RampingArrivalRate whole = new RampingArrivalRate(S, 5, null, stages, 1, 1, null);
        List<Long> all = new ArrayList<>();
        for (String seg : List.of("0:1/3", "1/3:2/3", "2/3:1")) {
            all.addAll(offsetsMillis(new RampingArrivalRate(S, 5, null, stages, 1, 1, third(seg))));
        }
        all.sort(null);
        assertEquals(offsetsMillis(whole), all);
        assertTrue(all.size() > 50, "the ramp schedules " + all.size());
    }
}
