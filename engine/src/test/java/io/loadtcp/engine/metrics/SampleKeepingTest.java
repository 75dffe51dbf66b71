package io.loadtcp.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recorders keep every sample, with its time, only when asked to, and the collector hands them to sample listeners. */
class SampleKeepingTest {
    private static final Tags TAGS = Tags.of("port", "7");

    @Test
    void aRecorderKeepsNoSamplesUnlessAsked() {
        LoopRecorder r = new LoopRecorder();
        r.add(BuiltinMetrics.TCP_READS, TAGS, 1);
        r.series(BuiltinMetrics.TCP_WRITES, TAGS).add(1);
        assertNull(r.takeSamples());
        assertEquals(1, r.drain().get(BuiltinMetrics.TCP_READS).get(TAGS).count(), "the aggregates are as before");
    }

    @Test
    void keptSamplesHoldEachValueWithItsMetricTagsAndTimeInOrder() {
        LoopRecorder r = new LoopRecorder(true);
        long before = SampleBuffer.nowEpochNanos();
        Series writes = r.series(BuiltinMetrics.DATA_SENT, TAGS);
        for (int i = 0; i < 3000; i++) { // past the first buffer's capacity
            writes.add(i);
            r.add(BuiltinMetrics.TCP_SOCKET_CONNECTING, Tags.EMPTY, 1_500_000 + i);
        }
        long after = SampleBuffer.nowEpochNanos();

        SampleBuffer s = r.takeSamples();
        assertEquals(6000, s.size());
        for (int i = 0; i < 3000; i++) {
            assertSame(BuiltinMetrics.DATA_SENT, s.metric(2 * i));
            assertSame(TAGS, s.tags(2 * i));
            assertEquals(i, s.value(2 * i));
            assertSame(BuiltinMetrics.TCP_SOCKET_CONNECTING, s.metric(2 * i + 1));
            assertEquals(1_500_000 + i, s.value(2 * i + 1));
        }
        for (int i = 1; i < s.size(); i++) assertTrue(s.epochNanos(i) >= s.epochNanos(i - 1), "in time order at " + i);
        assertTrue(s.epochNanos(0) >= before && s.epochNanos(s.size() - 1) <= after);
        assertTrue(Math.abs(s.epochNanos(0) / 1_000_000 - System.currentTimeMillis()) < 60_000, "wall-clock time");
        assertNull(r.takeSamples(), "handed over once");

        r.drain(); // a new interval: the bound series looks its aggregate up again and still keeps samples
        writes.add(42);
        assertEquals(42, r.takeSamples().value(0));
    }

    @Test
    void theCollectorHandsEachIntervalsSamplesToSampleListenersOnly() throws Exception {
        EventLoop loop = new DefaultEventLoop();
        try {
            LoopRecorder rec = new LoopRecorder(true);
            SharedRecorder shared = new SharedRecorder(true);
            MetricsCollector collector = new MetricsCollector(Map.of(loop, rec), shared);
            List<List<SampleBuffer>> received = new ArrayList<>();
            List<String> calls = new ArrayList<>();
            collector.addListener(new SampleListener() {
                @Override
                public void onSamples(List<SampleBuffer> samples) {
                    received.add(samples);
                    calls.add("samples");
                }

                @Override
                public void onInterval(long epochMillis, Map<Metric, Map<Tags, Aggregate>> interval, MetricsStore totals) {
                    calls.add("interval");
                }
            });
            loop.submit(() -> {
                rec.add(BuiltinMetrics.TCP_READS, TAGS, 1);
                rec.add(BuiltinMetrics.TCP_READS, TAGS, 1);
            }).get();
            shared.add(BuiltinMetrics.VUS, Tags.EMPTY, 5);

            collector.collect(1000);
            collector.collect(1000);

            assertEquals(List.of("samples", "interval", "samples", "interval"), calls);
            List<SampleBuffer> first = received.get(0);
            assertEquals(2, first.size(), "the shared recorder's and the loop's");
            assertEquals(3, first.stream().mapToInt(SampleBuffer::size).sum());
            assertEquals(List.of(), received.get(1), "nothing new");
        } finally {
            loop.shutdownGracefully().sync();
        }
    }
}
