package io.loadtcp.engine.output.prometheus;

import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.CounterAggregate;
import io.loadtcp.engine.metrics.GaugeAggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricType;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.RateAggregate;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.metrics.TrendAggregate;
import io.loadtcp.engine.metrics.ValueType;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A run's metrics as Micrometer meters in a given registry, named as k6's Prometheus remote-write output names them
 * (what Grafana's k6 dashboards query): a Counter {@code x} is {@code k6_x_total}, a Gauge {@code k6_x}, a Rate
 * {@code k6_x_rate}, a Trend one gauge per statistic, {@code k6_x_avg}, {@code _min}, {@code _med}, {@code _max},
 * {@code _p90}, {@code _p95}, {@code _p99}, durations in seconds. Every tag of a series is a label.
 *
 * <p>The values are the run's totals so far, the figures the end-of-run summary shows, read from the merged store at
 * each collection: recording stays on the event loops' lock-free recorders, and a scrape only reads numbers.
 */
public final class K6Meters {
    static final String PREFIX = "k6_";
    private static final String[] TREND_STATS = {"avg", "min", "med", "max", "p90", "p95", "p99"};
    private static final double NANOS_PER_SECOND = 1e9;

    private final MeterRegistry registry;
    private final Consumer<String> warn;
    private final Map<Metric, MetricMeters> metrics = new HashMap<>();

    /** {@code warn} hears, once per metric, of meters the registry refused (say, a name another metric took). */
    public K6Meters(MeterRegistry registry, Consumer<String> warn) {
        this.registry = registry;
        this.warn = warn;
    }

    /** Brings every meter up to {@code totals}, registering those of new series. Called by one thread at a time. */
    public void update(MetricsStore totals) {
        for (Metric metric : totals.metrics()) {
            metrics.computeIfAbsent(metric, MetricMeters::new).update(totals);
        }
    }

    /** The meter names of {@code metric} before the registry's naming convention (which adds {@code _total}). */
    static List<String> meterNames(Metric metric) {
        String base = PREFIX + metric.name();
        return switch (metric.type()) {
            case COUNTER, GAUGE -> List.of(base);
            case RATE -> List.of(base + "_rate");
            case TREND -> {
                List<String> names = new ArrayList<>();
                for (String stat : TREND_STATS) names.add(base + "_" + stat);
                yield names;
            }
        };
    }

    /** The numbers behind {@link #meterNames}, in the same order. */
    static double[] valuesOf(Metric metric, Aggregate aggregate) {
        return switch (aggregate) {
            case CounterAggregate c -> new double[] {c.sum()};
            case GaugeAggregate g -> new double[] {g.value()};
            case RateAggregate r -> new double[] {r.rate()};
            case TrendAggregate t -> {
                double scale = metric.valueType() == ValueType.TIME ? 1 / NANOS_PER_SECOND : 1;
                yield new double[] {t.avg() * scale, t.min() * scale, t.median() * scale, t.max() * scale,
                        t.percentile(90) * scale, t.percentile(95) * scale, t.percentile(99) * scale};
            }
        };
    }

    /**
     * The meters of one metric. Prometheus wants every series of a name to carry the same label names, while
     * series of one metric may carry different tags (a write's own tags, say): each series gets the union of the
     * metric's tag names, empty where it has no such tag (to Prometheus an empty label is no label). When a new
     * series brings a new tag name, the metric's meters are registered again with the larger set.
     */
    private final class MetricMeters {
        private final Metric metric;
        private final List<String> names;
        private final SortedSet<String> labelNames = new TreeSet<>();
        private final Map<Tags, SeriesValues> series = new HashMap<>();
        private boolean labelNamesGrew;
        private boolean warned;

        MetricMeters(Metric metric) {
            this.metric = metric;
            this.names = meterNames(metric);
        }

        void update(MetricsStore totals) {
            // Read in place: only the numbers are kept. The store never drops a series, so this map holds them all.
            totals.forEachSeries(metric, (tags, aggregate) -> {
                SeriesValues values = series.get(tags);
                if (values == null) {
                    values = new SeriesValues();
                    series.put(tags, values);
                    labelNamesGrew |= labelNames.addAll(tags.asMap().keySet());
                }
                values.numbers = valuesOf(metric, aggregate);
            });
            if (labelNamesGrew) {
                labelNamesGrew = false;
                series.values().forEach(SeriesValues::unregister);
            }
            series.forEach((tags, values) -> {
                if (values.meters.isEmpty() && !values.refused) register(tags, values);
            });
        }

        private void register(Tags tags, SeriesValues values) {
            List<Tag> labels = new ArrayList<>(labelNames.size());
            for (String name : labelNames) {
                String value = tags.get(name);
                labels.add(Tag.of(name, value == null ? "" : value));
            }
            String help = "k6 " + metric.type().name().toLowerCase(Locale.ROOT) + " " + metric.name();
            try {
                for (int i = 0; i < names.size(); i++) {
                    final int index = i;
                    Meter meter = metric.type() == MetricType.COUNTER
                            ? FunctionCounter.builder(names.get(i), values, v -> v.numbers[index])
                                    .tags(labels).description(help).register(registry)
                            : Gauge.builder(names.get(i), values, v -> v.numbers[index])
                                    .tags(labels).description(help).register(registry);
                    values.meters.add(meter);
                }
            } catch (RuntimeException e) {
                values.unregister();
                values.refused = true; // not tried again every second
                if (!warned) {
                    warned = true;
                    warn.accept("metric " + metric.name() + " is not exported to Prometheus: " + e.getMessage());
                }
            }
        }

        /** One series' latest numbers (written by the collector, read by scrapes) and its meters. */
        private final class SeriesValues {
            volatile double[] numbers;
            final List<Meter> meters = new ArrayList<>();
            boolean refused;

            void unregister() {
                meters.forEach(registry::remove);
                meters.clear();
            }
        }
    }
}
