package io.loadtcp.engine.output.file;

import io.loadtcp.engine.metrics.SampleBuffer;
import io.loadtcp.engine.metrics.Tags;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * k6's {@code --out csv}: a header, then a line per sample with the metric, its time, its value (times in
 * milliseconds, six decimals), k6's system tags in columns of their own and every other tag (loadtcp's {@code host},
 * {@code port}, a socket's own tags) in {@code extra_tags} as {@code k=v&k2=v2}, sorted by key.
 * <pre>
 * metric_name,timestamp,metric_value,check,error,error_code,group,method,name,proto,scenario,status,subproto,tls_version,url,extra_tags
 * tcp_reads,1795340085,1.000000,,,,,,,tcp,default,,,,,host=127.0.0.1&amp;port=7007
 * </pre>
 */
public final class K6CsvFormat implements SampleFormat {
    /** k6's columns for its system tags, in its order. */
    static final List<String> TAG_COLUMNS = List.of("check", "error", "error_code", "group", "method", "name", "proto",
            "scenario", "status", "subproto", "tls_version", "url");

    /** k6's {@code timeFormat} values. */
    public enum TimeFormat {
        UNIX, UNIX_MILLI, UNIX_MICRO, UNIX_NANO, RFC3339, RFC3339_NANO;

        public String k6Name() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The format called {@code name} (k6's spelling), or null. */
        public static TimeFormat named(String name) {
            for (TimeFormat f : values()) if (f.k6Name().equals(name)) return f;
            return null;
        }
    }

    private final TimeFormat timeFormat;
    private final RenderedTags renderedTags = new RenderedTags(K6CsvFormat::render);
    private final UtcTimestamps timestamps = new UtcTimestamps();

    public K6CsvFormat(TimeFormat timeFormat) {
        this.timeFormat = timeFormat;
    }

    @Override
    public String header() {
        return "metric_name,timestamp,metric_value," + String.join(",", TAG_COLUMNS) + ",extra_tags\n";
    }

    @Override
    public void append(SampleBuffer samples, int i, StringBuilder out) {
        out.append(samples.metric(i).name()).append(',');
        appendTime(samples.epochNanos(i), out);
        out.append(',');
        appendSixDecimals(SampleFormat.exported(samples, i), out);
        out.append(',').append(renderedTags.of(samples.tags(i))).append('\n');
    }

    private void appendTime(long epochNanos, StringBuilder out) {
        switch (timeFormat) {
            case UNIX -> out.append(Math.floorDiv(epochNanos, 1_000_000_000L));
            case UNIX_MILLI -> out.append(Math.floorDiv(epochNanos, 1_000_000L));
            case UNIX_MICRO -> out.append(Math.floorDiv(epochNanos, 1_000L));
            case UNIX_NANO -> out.append(epochNanos);
            case RFC3339 -> timestamps.appendSeconds(epochNanos, out);
            case RFC3339_NANO -> timestamps.appendNanos(epochNanos, out);
        }
    }

    /** As Go's {@code %f}, which k6 uses: six decimals, rounded half to even. */
    static void appendSixDecimals(double v, StringBuilder out) {
        if (!Double.isFinite(v)) {
            out.append(Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.append((long) v).append(".000000");
        } else {
            out.append(new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString());
        }
    }

    private static String render(Tags tags) {
        StringBuilder b = new StringBuilder();
        for (String column : TAG_COLUMNS) {
            String v = tags.get(column);
            if (v != null) appendField(v, b);
            b.append(',');
        }
        StringBuilder extra = new StringBuilder();
        tags.asMap().forEach((k, v) -> {
            if (TAG_COLUMNS.contains(k)) return;
            if (!extra.isEmpty()) extra.append('&');
            extra.append(k).append('=').append(v);
        });
        appendField(extra.toString(), b);
        return b.toString();
    }

    /** A field as Go's encoding/csv writes it: quoted, with quotes doubled, when it holds a comma, quote or line break. */
    static void appendField(String v, StringBuilder out) {
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || (!v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(0) == '\t'));
        if (!quote) {
            out.append(v);
            return;
        }
        out.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
}
