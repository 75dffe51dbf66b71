package io.loadtcp.engine.metrics.threshold;

import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.CounterAggregate;
import io.loadtcp.engine.metrics.GaugeAggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricRegistry;
import io.loadtcp.engine.metrics.MetricsListener;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.RateAggregate;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.metrics.TrendAggregate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Evaluates the thresholds on the collector thread every {@link #DEFAULT_EVERY} (k6's rate) while the test runs,
 * stopping the run when a failing threshold has {@code abortOnFail} and its {@code delayAbortEval} has passed, and
 * once more at the end ({@link #evaluate(MetricsStore, Duration)}).
 *
 * <p>Metric names are checked when the run starts, after every VU's init code ran, because custom metrics are
 * declared there. As in k6, a threshold whose series has no samples yet is skipped during the run; at the end it is
 * evaluated on zero (count 0, rate 0, every trend statistic 0) and so passes or fails like any other.
 */
public final class ThresholdEvaluator implements MetricsListener {
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(2);

    private final List<MetricThresholds> thresholds;
    private final long everyNanos;
    private final LongSupplier nanoClock;
    private volatile MetricRegistry registry = new MetricRegistry();
    private volatile Consumer<String> stopRun = reason -> {};
    private volatile long startedNanos;
    private volatile boolean started;
    private volatile String abortReason;
    private volatile boolean tainted;
    private long lastEvaluatedNanos;

    public ThresholdEvaluator(List<MetricThresholds> thresholds) {
        this(thresholds, DEFAULT_EVERY, System::nanoTime);
    }

    /** {@code every}: how often to evaluate during the run; {@code nanoClock}: the time source, for tests. */
    public ThresholdEvaluator(List<MetricThresholds> thresholds, Duration every, LongSupplier nanoClock) {
        this.thresholds = List.copyOf(thresholds);
        this.everyNanos = every.toNanos();
        this.nanoClock = nanoClock;
    }

    public List<MetricThresholds> thresholds() {
        return thresholds;
    }

    /**
     * Checks every threshold against the metrics {@code registry} knows: an unknown metric or an aggregation its
     * type does not have is a {@link ThresholdException} listing all such problems.
     */
    public void validate(MetricRegistry registry) {
        List<String> problems = new ArrayList<>();
        for (MetricThresholds mt : thresholds) {
            Metric metric = registry.get(mt.metricName());
            if (metric == null) {
                problems.add("threshold on " + mt.selector() + ": no metric named '" + mt.metricName()
                        + "' (a built-in one, or a custom one declared in init code)");
                continue;
            }
            for (Threshold t : mt.thresholds()) {
                if (!t.expression().aggregation().supports(metric.type())) {
                    problems.add("threshold \"" + t.source() + "\" on " + mt.selector() + ": a " + metric.type().k6Name()
                            + " has no '" + t.expression().aggregation().label() + "'; use "
                            + String.join(", ", Aggregation.supportedOn(metric.type())));
                }
            }
        }
        if (!problems.isEmpty()) throw new ThresholdException(problems);
    }

    @Override
    public void onStart(MetricRegistry registry, Consumer<String> stopRun) {
        validate(registry);
        this.registry = registry;
        this.stopRun = stopRun;
    }

    /** {@code delayAbortEval} counts from here, as in k6: a run started paused has not begun while it waits. */
    @Override
    public void onTestStarted() {
        this.startedNanos = nanoClock.getAsLong();
        this.lastEvaluatedNanos = startedNanos;
        this.started = true;
    }

    @Override
    public void onInterval(long epochMillis, Map<Metric, Map<Tags, Aggregate>> interval, MetricsStore totals) {
        if (!started || abortReason != null) return;
        long now = nanoClock.getAsLong();
        if (now - lastEvaluatedNanos < everyNanos) return;
        lastEvaluatedNanos = now;
        Duration elapsed = Duration.ofNanos(now - startedNanos);
        Set<String> crossed = new LinkedHashSet<>();
        for (ThresholdResult r : evaluate(totals, elapsed, true)) {
            if (!r.passed()) tainted = true;
            if (!r.passed() && r.threshold().abortsAt(elapsed)) crossed.add(r.selector() + " '" + r.threshold().source() + "'");
        }
        if (!crossed.isEmpty()) {
            abortReason = "threshold" + (crossed.size() == 1 ? " " : "s ") + String.join(", ", crossed)
                    + " crossed (abortOnFail)";
            stopRun.accept(abortReason);
        }
    }

    /** True once a threshold was crossed at one of the evaluations during the run (k6's "tainted"). */
    public boolean tainted() {
        return tainted;
    }

    /** Why this evaluator stopped the run, or null when it did not. */
    public String abortReason() {
        return abortReason;
    }

    /** Every threshold's result at the end of a run that lasted {@code elapsed}, in definition order. */
    public List<ThresholdResult> evaluate(MetricsStore store, Duration elapsed) {
        return evaluate(store, elapsed, false);
    }

    private List<ThresholdResult> evaluate(MetricsStore store, Duration elapsed, boolean skipEmpty) {
        List<ThresholdResult> results = new ArrayList<>();
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        for (MetricThresholds mt : thresholds) {
            Metric metric = registry.get(mt.metricName());
            if (metric == null) continue; // only before onStart validated the names
            Aggregate aggregate = store.aggregate(metric, mt.selector().filter());
            boolean empty = aggregate == null || aggregate.count() == 0;
            if (empty && skipEmpty) continue;
            for (Threshold t : mt.thresholds()) {
                double observed = empty ? 0 : observe(metric, aggregate, t.expression().aggregation(), seconds);
                results.add(new ThresholdResult(mt.selector(), metric, t, observed, t.expression().test(observed), empty));
            }
        }
        return results;
    }

    /** The value an aggregation compares: time trends in milliseconds, a counter's rate per second. */
    static double observe(Metric metric, Aggregate aggregate, Aggregation aggregation, double seconds) {
        return switch (aggregate) {
            case CounterAggregate c -> aggregation.kind() == Aggregation.Kind.RATE ? c.sum() / seconds : c.sum();
            case GaugeAggregate g -> g.value();
            case RateAggregate r -> r.rate();
            case TrendAggregate t -> {
                double v = switch (aggregation.kind()) {
                    case AVG -> t.avg();
                    case MIN -> t.min();
                    case MAX -> t.max();
                    case MED -> t.median();
                    case PERCENTILE -> t.percentile(aggregation.percentile());
                    default -> throw new IllegalArgumentException(aggregation.label() + " on a trend");
                };
                yield metric.isTime() ? v / 1e6 : v; // stored in ns, compared in ms as in k6
            }
        };
    }
}
