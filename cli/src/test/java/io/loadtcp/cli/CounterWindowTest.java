package io.loadtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadtcp.engine.executor.ExecutionContext;
import io.loadtcp.engine.executor.Executor;
import io.loadtcp.engine.executor.ScenarioSettings;
import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.BuiltinMetrics;
import io.loadtcp.engine.metrics.CounterAggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.Tags;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The benchmark's measured window: only what was counted between its two ends, over the time between them. */
class CounterWindowTest {
    @Test
    void countsOnlyBetweenTheFirstCollectionsAtOrAfterEachEnd() throws InterruptedException {
        StartedScenario scenario = new StartedScenario();
        long[] cpu = {0};
        CounterWindow window = new CounterWindow(BuiltinMetrics.TCP_WRITES, scenario, Duration.ofMillis(150), Duration.ofMillis(200),
                () -> cpu[0] += 1_000_000); // each reading 1 ms of CPU later than the last
        MetricsStore totals = new MetricsStore();

        collect(window, totals, 1000); // before the scenario started: nothing to mark
        scenario.start();
        collect(window, totals, 50); // during the skipped start
        assertFalse(window.complete());
        Thread.sleep(160);
        collect(window, totals, 100); // the window opens at a total of 1,150
        long opened = System.nanoTime();
        Thread.sleep(100);
        collect(window, totals, 7); // inside the window
        assertFalse(window.complete(), "the window is not over yet");
        Thread.sleep(120);
        collect(window, totals, 300); // the window closes at a total of 1,457
        long closed = System.nanoTime();
        assertTrue(window.complete());
        collect(window, totals, 5_000); // after the window: ignored

        assertTrue(window.seconds() >= 0.2 && window.seconds() <= (closed - opened) / 1e9 + 0.05, "seconds " + window.seconds());
        assertEquals(307 / window.seconds(), window.rate(), 1e-6, "what was counted inside, per second of the window");
        assertTrue(window.rateBefore() > 1150 / 0.6 && window.rateBefore() < 1150 / 0.15, "warm-up rate " + window.rateBefore());
        assertEquals(1_000_000 / 307.0, window.cpuNanosPerCount(), 1e-6, "the CPU between the two ends, per count inside");
    }

    private static void collect(CounterWindow window, MetricsStore totals, double writes) {
        Map<Metric, Map<Tags, Aggregate>> interval = new IdentityHashMap<>();
        CounterAggregate a = new CounterAggregate();
        a.add(writes);
        Map<Tags, Aggregate> series = new java.util.HashMap<>();
        series.put(Tags.EMPTY, a);
        interval.put(BuiltinMetrics.TCP_WRITES, series);
        totals.merge(interval);
        window.onInterval(System.currentTimeMillis(), interval, totals);
    }

    /** A scenario that only records when it started. */
    private static final class StartedScenario extends Executor {
        StartedScenario() {
            super(new ScenarioSettings("bench", null, Duration.ZERO, null, null, null));
        }

        void start() {
            markStarted();
        }

        @Override
        public String type() {
            return "test";
        }

        @Override
        public int maxVus() {
            return 0;
        }

        @Override
        public Duration plannedDuration() {
            return Duration.ZERO;
        }

        @Override
        public CompletableFuture<Void> start(ExecutionContext ctx) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
