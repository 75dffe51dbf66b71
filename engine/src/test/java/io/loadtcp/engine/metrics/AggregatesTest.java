package io.loadtcp.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatesTest {
    @Test
    void trendKeepsSubMillisecondPrecisionAndExactExtremes() {
        TrendAggregate t = new TrendAggregate();
        for (int i = 1; i <= 1000; i++) t.add(i * 1_000.0); // 1µs … 1ms in ns
        assertEquals(1_000, t.min());
        assertEquals(1_000_000, t.max());
        assertEquals(500_500, t.avg(), 1e-6);
        assertEquals(950_000, t.percentile(95), 950_000 * 0.001, "p95 within 0.1%");
        assertEquals(500_000, t.median(), 500_000 * 0.001);
    }

    @Test
    void mergingIntervalsEqualsRecordingEverythingInOne() {
        TrendAggregate a = new TrendAggregate();
        TrendAggregate b = new TrendAggregate();
        TrendAggregate all = new TrendAggregate();
        for (int i = 0; i < 500; i++) {
            a.add(i);
            all.add(i);
            b.add(10_000 + i);
            all.add(10_000 + i);
        }
        a.mergeFrom(b);
        assertEquals(all.count(), a.count());
        assertEquals(all.percentile(90), a.percentile(90));
        assertEquals(all.avg(), a.avg(), 1e-9);
    }

    @Test
    void rateCounterAndGauge() {
        RateAggregate r = new RateAggregate();
        r.add(1);
        r.add(0);
        r.add(1);
        r.add(1);
        assertEquals(0.75, r.rate());
        assertEquals(1, r.fails());
        CounterAggregate c = new CounterAggregate();
        c.add(2);
        c.add(3.5);
        assertEquals(5.5, c.sum());
        GaugeAggregate g = new GaugeAggregate();
        g.add(5);
        g.add(1);
        g.add(3);
        assertEquals(3, g.value());
        assertEquals(1, g.min());
        assertEquals(5, g.max());
    }

    @Test
    void storeFiltersSeriesByTagSubset() {
        MetricsStore store = new MetricsStore();
        LoopRecorder rec = new LoopRecorder();
        rec.add(BuiltinMetrics.TCP_ERRORS, Tags.of("host", "db", "port", "1"), 1);
        rec.add(BuiltinMetrics.TCP_ERRORS, Tags.of("host", "db", "port", "2"), 1);
        rec.add(BuiltinMetrics.TCP_ERRORS, Tags.of("host", "cache"), 1);
        store.merge(rec.drain());
        assertEquals(3, ((CounterAggregate) store.aggregate(BuiltinMetrics.TCP_ERRORS)).sum());
        assertEquals(2, ((CounterAggregate) store.aggregate(BuiltinMetrics.TCP_ERRORS, Tags.of("host", "db"))).sum());
        assertTrue(rec.drain().isEmpty(), "a drain starts a new interval");
    }

    @Test
    void collectorDrainsEachLoopOnItsOwnThread() throws Exception {
        EventLoop loop = new DefaultEventLoop();
        try {
            LoopRecorder rec = new LoopRecorder();
            MetricsCollector collector = new MetricsCollector(Map.of(loop, rec), new SharedRecorder());
            loop.submit(() -> rec.add(BuiltinMetrics.TCP_READS, Tags.EMPTY, 1)).get();
            collector.collect(1000);
            loop.submit(() -> rec.add(BuiltinMetrics.TCP_READS, Tags.EMPTY, 1)).get();
            collector.collect(1000);
            assertEquals(2, ((CounterAggregate) collector.store().aggregate(BuiltinMetrics.TCP_READS)).sum());
        } finally {
            loop.shutdownGracefully();
        }
    }

    @Test
    void metricNamesAreValidatedAndTypesCannotChange() {
        MetricRegistry reg = new MetricRegistry();
        assertThrows(IllegalArgumentException.class, () -> reg.register("1bad", MetricType.COUNTER, ValueType.DEFAULT));
        reg.register("my_counter", MetricType.COUNTER, ValueType.DEFAULT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reg.register("my_counter", MetricType.TREND, ValueType.TIME));
        assertTrue(e.getMessage().contains("already exists as a counter"), e.getMessage());
    }
}
