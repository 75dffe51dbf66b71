package io.loadtcp.engine.metrics.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.LoopRecorder;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricRegistry;
import io.loadtcp.engine.metrics.MetricType;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.metrics.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Thresholds evaluated on a store filled directly, with a fake clock for the periodic evaluation. */
class ThresholdEvaluatorTest {
    private final AtomicLong clock = new AtomicLong();
    private final List<String> stops = new ArrayList<>();
    private final MetricRegistry registry = new MetricRegistry();
    private final LoopRecorder recorder = new LoopRecorder();
    private final MetricsStore store = new MetricsStore();

    private static Map<String, List<ThresholdParser.Definition>> entries(Object... keyAndExpressions) {
        Map<String, List<ThresholdParser.Definition>> m = new LinkedHashMap<>();
        for (int i = 0; i < keyAndExpressions.length; i += 2) {
            List<ThresholdParser.Definition> defs = new ArrayList<>();
            Object v = keyAndExpressions[i + 1];
            if (v instanceof ThresholdParser.Definition d) defs.add(d);
            else for (String e : ((String) v).split(";")) defs.add(ThresholdParser.Definition.of(e));
            m.put((String) keyAndExpressions[i], defs);
        }
        return m;
    }

    private ThresholdEvaluator started(Object... keyAndExpressions) {
        ThresholdEvaluator ev = new ThresholdEvaluator(ThresholdParser.parse(entries(keyAndExpressions)),
                Duration.ofSeconds(2), clock::get);
        ev.onStart(registry, stops::add);
        ev.onTestStarted();
        return ev;
    }

    private void add(Metric m, Tags tags, double... values) {
        for (double v : values) recorder.add(m, tags, v);
    }

    private void flush() {
        store.merge(recorder.drain());
    }

    private void tick(ThresholdEvaluator ev, long seconds) {
        flush();
        clock.addAndGet(Duration.ofSeconds(seconds).toNanos());
        Map<Metric, Map<Tags, Aggregate>> none = Map.of();
        ev.onInterval(0, none, store);
    }

    private static ThresholdResult only(List<ThresholdResult> results, String source) {
        return results.stream().filter(r -> r.threshold().source().equals(source)).findFirst().orElseThrow();
    }

    @Test
    void everyAggregationOfEveryTypeWithTimeInMilliseconds() {
        ThresholdEvaluator ev = started(
                "iteration_duration", "avg==2;min==1;max==3;med<2.01;p(100)==3;p(0)==1;p(50)>1.99",
                "tcp_sockets", "count==4;rate==2",
                "vus", "value==7",
                "checks", "rate==0.75");
        add(BuiltinMetrics.ITERATION_DURATION, Tags.EMPTY, 1_000_000, 2_000_000, 3_000_000); // 1, 2, 3 ms in ns
        add(BuiltinMetrics.TCP_SOCKETS, Tags.EMPTY, 1, 1, 1, 1);
        add(BuiltinMetrics.VUS, Tags.EMPTY, 3, 7);
        add(BuiltinMetrics.CHECKS, Tags.EMPTY, 1, 1, 0, 1);
        flush();
        List<ThresholdResult> results = ev.evaluate(store, Duration.ofSeconds(2));
        assertEquals(11, results.size());
        for (ThresholdResult r : results) assertTrue(r.passed(), r.threshold().source() + " observed " + r.observed());
        assertEquals(2.0, only(results, "avg==2").observed(), 1e-9, "ms, not ns");
        assertEquals(2.0, only(results, "rate==2").observed(), 1e-9, "4 sockets over 2 s");
    }

    @Test
    void failingThresholdReportsTheObservedValue() {
        ThresholdEvaluator ev = started("tcp_socket_connecting", "p(95)<200;p(99.9)<1");
        add(BuiltinMetrics.TCP_SOCKET_CONNECTING, Tags.EMPTY, 5_000_000);
        flush();
        List<ThresholdResult> results = ev.evaluate(store, Duration.ofSeconds(1));
        assertTrue(only(results, "p(95)<200").passed());
        ThresholdResult failed = only(results, "p(99.9)<1");
        assertFalse(failed.passed());
        assertEquals(5.0, failed.observed(), 0.01);
        assertEquals("p(99.9)", failed.aggregation().label());
    }

    @Test
    void tagFilterSelectsOnlyMatchingSeries() {
        ThresholdEvaluator ev = started("tcp_sockets{step:a}", "count==2", "tcp_sockets{step:b, proto:tcp}", "count==1",
                "tcp_sockets", "count==5", "tcp_sockets{step:c}", "count==0");
        add(BuiltinMetrics.TCP_SOCKETS, Tags.of("step", "a", "proto", "tcp"), 1, 1);
        add(BuiltinMetrics.TCP_SOCKETS, Tags.of("step", "b", "proto", "tcp"), 1);
        add(BuiltinMetrics.TCP_SOCKETS, Tags.of("step", "b", "proto", "tls"), 1, 1);
        flush();
        List<ThresholdResult> results = ev.evaluate(store, Duration.ofSeconds(1));
        for (ThresholdResult r : results) assertTrue(r.passed(), r.selector() + " " + r.threshold().source() + " = " + r.observed());
        ThresholdResult none = results.get(3);
        assertTrue(none.noSamples(), "no series matches step:c");
    }

    @Test
    void metricsWithoutSamplesAreSkippedDuringTheRunAndZeroAtTheEnd() {
        ThresholdEvaluator ev = started("tcp_errors", new ThresholdParser.Definition("count>0", true, null),
                "tcp_socket_connecting", "p(95)<200", "checks", "rate<0.01");
        tick(ev, 3);
        assertTrue(stops.isEmpty(), "an empty metric never aborts the run: " + stops);
        List<ThresholdResult> end = ev.evaluate(store, Duration.ofSeconds(3));
        assertEquals(3, end.size());
        assertTrue(end.stream().allMatch(ThresholdResult::noSamples));
        assertFalse(only(end, "count>0").passed(), "count 0 is not > 0");
        assertTrue(only(end, "p(95)<200").passed(), "an empty trend is 0");
        assertTrue(only(end, "rate<0.01").passed(), "an empty rate is 0");
    }

    @Test
    void abortOnFailStopsTheRunOnlyAfterDelayAbortEvalAndOnlyOnce() {
        ThresholdEvaluator ev = started("tcp_errors",
                new ThresholdParser.Definition("count<1", true, Duration.ofSeconds(5)), "iterations", "count>100");
        add(BuiltinMetrics.TCP_ERRORS, Tags.EMPTY, 1);
        add(BuiltinMetrics.ITERATIONS, Tags.EMPTY, 1);
        tick(ev, 1);
        assertTrue(stops.isEmpty(), "not evaluated before 2 s");
        tick(ev, 2);
        assertTrue(stops.isEmpty(), "failing, but delayAbortEval (5 s) has not passed");
        assertNull(ev.abortReason());
        tick(ev, 3);
        assertEquals(1, stops.size(), stops.toString());
        assertTrue(stops.get(0).contains("tcp_errors 'count<1'"), stops.get(0));
        assertEquals("threshold tcp_errors 'count<1' crossed (abortOnFail)", stops.get(0),
                "names the threshold that aborts, not the failing one without abortOnFail");
        tick(ev, 3);
        assertEquals(1, stops.size(), "stops once");
        assertEquals(stops.get(0), ev.abortReason());
    }

    @Test
    void delayAbortEvalCountsFromTheTestsStartNotFromBeforeAPause() {
        ThresholdEvaluator ev = new ThresholdEvaluator(ThresholdParser.parse(entries("tcp_errors",
                new ThresholdParser.Definition("count<1", true, Duration.ofSeconds(5)))), Duration.ofSeconds(2), clock::get);
        ev.onStart(registry, stops::add);
        clock.addAndGet(Duration.ofMinutes(10).toNanos()); // started --paused, resumed ten minutes later
        ev.onTestStarted();
        add(BuiltinMetrics.TCP_ERRORS, Tags.EMPTY, 1);
        tick(ev, 2);
        assertTrue(stops.isEmpty(), "2 s into the test, not 10 min: delayAbortEval (5 s) has not passed");
        tick(ev, 4);
        assertEquals(1, stops.size(), stops.toString());
    }

    @Test
    void thresholdWithoutAbortOnFailNeverStopsTheRun() {
        ThresholdEvaluator ev = started("tcp_errors", "count<1");
        add(BuiltinMetrics.TCP_ERRORS, Tags.EMPTY, 3);
        tick(ev, 2);
        tick(ev, 2);
        assertTrue(stops.isEmpty());
        assertFalse(ev.evaluate(store, Duration.ofSeconds(4)).get(0).passed());
    }

    @Test
    void unknownMetricsAndUnsupportedAggregationsAreReportedTogether() {
        ThresholdEvaluator ev = new ThresholdEvaluator(ThresholdParser.parse(entries(
                "nope", "count>0", "tcp_sockets", "p(95)<1;count>0", "checks", "avg<1", "iteration_duration", "count>1")));
        ThresholdException e = assertThrows(ThresholdException.class, () -> ev.onStart(registry, stops::add));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("no metric named 'nope'"), e.getMessage());
        assertTrue(e.problems().get(1).contains("\"p(95)<1\" on tcp_sockets: a counter has no 'p(95)'; use count, rate"),
                e.getMessage());
        assertTrue(e.problems().get(2).contains("a rate has no 'avg'; use rate"), e.getMessage());
        assertTrue(e.problems().get(3).contains("a trend has no 'count'"), e.getMessage());
    }

    @Test
    void customMetricsRegisteredBeforeStartAreKnown() {
        Metric latency = registry.register("my_latency", MetricType.TREND, ValueType.TIME);
        Metric plain = registry.register("my_trend", MetricType.TREND, ValueType.DEFAULT);
        ThresholdEvaluator ev = started("my_latency", "max<3", "my_trend", "max>2999");
        add(latency, Tags.EMPTY, 2_000_000);
        add(plain, Tags.EMPTY, 3000);
        flush();
        List<ThresholdResult> results = ev.evaluate(store, Duration.ofSeconds(1));
        assertTrue(results.get(0).passed(), "time trend compared in ms");
        assertTrue(results.get(1).passed(), "a plain trend is compared as is");
    }
}
