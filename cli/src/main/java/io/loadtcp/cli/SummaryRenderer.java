package io.loadtcp.cli;

import io.loadtcp.engine.RunResult;
import io.loadtcp.engine.metrics.Aggregate;
import io.loadtcp.engine.metrics.CounterAggregate;
import io.loadtcp.engine.metrics.GaugeAggregate;
import io.loadtcp.engine.metrics.Metric;
import io.loadtcp.engine.metrics.MetricsStore;
import io.loadtcp.engine.metrics.RateAggregate;
import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.metrics.TrendAggregate;
import io.loadtcp.engine.metrics.threshold.ThresholdResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The end-of-run summary, in the layout k6 users know: thresholds, checks, then metrics grouped (TCP, execution, network,
 * custom), one line each with dots to align, Trends as avg/min/med/max/p(90)/p(95) in units that fit the values.
 */
final class SummaryRenderer {
    private static final List<String> DEFAULT_TREND_STATS = List.of("avg", "min", "med", "max", "p(90)", "p(95)");

    private final List<String> trendStats;
    private final String timeUnit;
    private final RunOptions.SummaryMode mode;

    SummaryRenderer(List<String> trendStats) {
        this(trendStats, null, RunOptions.SummaryMode.COMPACT);
    }

    /** {@code timeUnit}: every time shown in it (ns, us, ms, s, m), or null for a unit that fits each value. */
    SummaryRenderer(List<String> trendStats, String timeUnit, RunOptions.SummaryMode mode) {
        this.trendStats = trendStats == null || trendStats.isEmpty() ? DEFAULT_TREND_STATS : trendStats;
        this.timeUnit = timeUnit;
        this.mode = mode == null ? RunOptions.SummaryMode.COMPACT : mode;
    }

    SummaryRenderer(RunOptions.Summary summary) {
        this(summary.trendStats(), summary.timeUnit(), summary.mode());
    }

    String render(RunResult result, String scenarioLine) {
        return render(result, List.of(), scenarioLine);
    }

    /**
     * The summary, with the thresholds' results first (none: no THRESHOLDS section); in full mode, the totals are
     * followed by one section per scenario and one per group.
     */
    String render(RunResult result, List<ThresholdResult> thresholds, String scenarioLine) {
        MetricsStore store = result.metrics();
        double seconds = Math.max(1e-9, result.elapsed().toNanos() / 1e9);
        StringBuilder out = new StringBuilder();
        ThresholdsRenderer.render(out, thresholds, timeUnit);
        int width = 0;
        for (Metric m : store.metrics()) width = Math.max(width, m.name().length());
        width += 3;
        out.append("\n  █ TOTAL RESULTS\n");
        renderBlock(out, store, Tags.EMPTY, seconds, width);
        if (mode == RunOptions.SummaryMode.FULL) {
            for (String scenario : tagValues(store, "scenario")) {
                out.append("\n  █ SCENARIO: ").append(scenario).append('\n');
                renderBlock(out, store, Tags.of("scenario", scenario), seconds, width);
            }
            for (String group : tagValues(store, "group")) {
                out.append("\n  █ GROUP: ").append(group).append('\n');
                renderBlock(out, store, Tags.of("group", group), seconds, width);
            }
        }
        out.append("\n  ").append(scenarioLine).append('\n');
        return out.toString();
    }

    /** Checks, then the metrics by section, of the series whose tags include {@code filter}. */
    private void renderBlock(StringBuilder out, MetricsStore store, Tags filter, double seconds, int width) {
        renderChecks(out, store, filter);
        Map<String, List<Metric>> sections = new LinkedHashMap<>();
        for (String s : List.of("TCP", "EXECUTION", "NETWORK", "CUSTOM")) sections.put(s, new ArrayList<>());
        for (Metric m : store.metrics()) {
            if (m.name().equals("checks")) continue;
            sections.get(section(m)).add(m);
        }
        for (Map.Entry<String, List<Metric>> s : sections.entrySet()) {
            s.getValue().sort(Comparator.comparing(Metric::name));
            StringBuilder lines = new StringBuilder();
            for (Metric m : s.getValue()) {
                Aggregate a = store.aggregate(m, filter);
                if (a == null) continue;
                String name = m.name();
                lines.append("    ").append(name).append(".".repeat(width - name.length())).append(": ")
                        .append(values(m, a, seconds)).append('\n');
            }
            if (!lines.isEmpty()) out.append("\n    ").append(s.getKey()).append('\n').append(lines);
        }
    }

    /** The values a tag takes over all series, sorted. */
    private static Set<String> tagValues(MetricsStore store, String tag) {
        Set<String> values = new TreeSet<>();
        for (Metric m : store.metrics()) {
            for (Tags t : store.series(m).keySet()) {
                String v = t.get(tag);
                if (v != null) values.add(v);
            }
        }
        return values;
    }

    private void renderChecks(StringBuilder out, MetricsStore store, Tags filter) {
        Metric checks = store.metrics().stream().filter(m -> m.name().equals("checks")).findFirst().orElse(null);
        if (checks == null) return;
        RateAggregate all = (RateAggregate) store.aggregate(checks, filter);
        if (all == null) return;
        Map<String, RateAggregate> byName = new TreeMap<>();
        for (Map.Entry<Tags, Aggregate> e : store.series(checks).entrySet()) {
            if (!e.getKey().containsAll(filter)) continue;
            String key = e.getKey().get("group") == null ? e.getKey().get("check")
                    : e.getKey().get("group") + " › " + e.getKey().get("check");
            byName.computeIfAbsent(key, k -> new RateAggregate()).mergeFrom(e.getValue());
        }
        out.append("\n    CHECKS\n");
        for (Map.Entry<String, RateAggregate> e : byName.entrySet()) {
            RateAggregate r = e.getValue();
            out.append("    ").append(r.fails() == 0 ? "✓ " : "✗ ").append(e.getKey());
            if (r.fails() > 0) out.append("\n      ↳  ").append(Units.trim(r.rate() * 100)).append("% — ✓ ")
                    .append(r.passes()).append(" / ✗ ").append(r.fails());
            out.append('\n');
        }
        out.append("    checks_succeeded: ").append(Units.trim(all.rate() * 100)).append("% ").append(all.passes())
                .append(" out of ").append(all.count()).append('\n');
        out.append("    checks_failed...: ").append(Units.trim((1 - all.rate()) * 100)).append("% ").append(all.fails())
                .append(" out of ").append(all.count()).append('\n');
    }

    private static String section(Metric m) {
        if (!m.builtin()) return "CUSTOM";
        if (m.name().startsWith("tcp_")) return "TCP";
        if (m.name().startsWith("data_")) return "NETWORK";
        return "EXECUTION";
    }

    String values(Metric m, Aggregate a, double seconds) {
        return switch (a) {
            case TrendAggregate t -> trend(m, t);
            case CounterAggregate c -> format(m, c.sum()) + "  " + format(m, c.sum() / seconds) + "/s";
            case GaugeAggregate g -> format(m, g.value()) + "  min=" + format(m, g.min()) + " max=" + format(m, g.max());
            case RateAggregate r -> Units.trim(r.rate() * 100) + "%  " + r.passes() + " out of " + r.count();
        };
    }

    private String trend(Metric m, TrendAggregate t) {
        List<String> parts = new ArrayList<>();
        for (String stat : trendStats) {
            double v = stat(t, stat);
            parts.add(stat + "=" + (stat.equals("count") ? Units.number(v) : format(m, v)));
        }
        return String.join(" ", parts);
    }

    static double stat(TrendAggregate t, String stat) {
        return switch (stat) {
            case "avg" -> t.avg();
            case "min" -> t.min();
            case "med" -> t.median();
            case "max" -> t.max();
            case "count" -> t.count();
            default -> {
                if (stat.startsWith("p(") && stat.endsWith(")")) {
                    yield t.percentile(Double.parseDouble(stat.substring(2, stat.length() - 1)));
                }
                throw new IllegalArgumentException("unknown trend stat " + stat);
            }
        };
    }

    private String format(Metric m, double v) {
        return switch (m.valueType()) {
            case TIME -> timeUnit == null ? Units.duration(v) : Units.duration(v, timeUnit);
            case DATA -> Units.bytes(v);
            case DEFAULT -> Units.number(v);
        };
    }
}
