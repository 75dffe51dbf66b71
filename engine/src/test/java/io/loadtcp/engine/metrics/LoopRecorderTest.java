package io.loadtcp.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A loop's recorder: samples land in the current interval, whether recorded by name or through a bound series. */
class LoopRecorderTest {
    private static final Tags TAGS = Tags.of("proto", "tcp");

    private static double counterSum(Map<Metric, Map<Tags, Aggregate>> interval, Metric metric, Tags tags) {
        return ((CounterAggregate) interval.get(metric).get(tags)).sum();
    }

    @Test
    void aBoundSeriesAndPlainAddsShareOneAggregatePerInterval() {
        LoopRecorder recorder = new LoopRecorder();
        Series reads = recorder.series(BuiltinMetrics.TCP_READS, TAGS);
        reads.increment();
        recorder.increment(BuiltinMetrics.TCP_READS, TAGS);
        reads.add(3);
        assertEquals(5, counterSum(recorder.drain(), BuiltinMetrics.TCP_READS, TAGS));
    }

    @Test
    void aBoundSeriesRecordsIntoTheNextIntervalAfterADrain() {
        LoopRecorder recorder = new LoopRecorder();
        Series sent = recorder.series(BuiltinMetrics.DATA_SENT, TAGS);
        sent.add(64);
        Map<Metric, Map<Tags, Aggregate>> first = recorder.drain();
        assertFalse(recorder.drain().containsKey(BuiltinMetrics.DATA_SENT), "an unused series adds nothing to an interval");
        sent.add(10);
        sent.add(20);
        assertEquals(64, counterSum(first, BuiltinMetrics.DATA_SENT, TAGS), "the drained interval is left alone");
        assertEquals(30, counterSum(recorder.drain(), BuiltinMetrics.DATA_SENT, TAGS));
    }
}
