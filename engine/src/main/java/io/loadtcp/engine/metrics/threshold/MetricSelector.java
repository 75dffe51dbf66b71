package io.loadtcp.engine.metrics.threshold;

import io.loadtcp.engine.metrics.Tags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The key of a thresholds entry: a metric name, optionally with a tag filter, {@code metric{tag:value,tag2:value}}.
 * The filter selects the series whose tags include every pair. Spaces around keys and values are ignored, and a key
 * or value may be quoted ({@code "…"} or {@code '…'}) to hold spaces, commas, colons or braces.
 */
public record MetricSelector(String source, String metricName, Tags filter) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,127}");

    /** Parses {@code source}; throws {@link ThresholdSyntaxException} naming the column of the first problem. */
    public static MetricSelector parse(String source) {
        String s = source == null ? "" : source;
        int brace = s.indexOf('{');
        String name = (brace < 0 ? s : s.substring(0, brace)).strip();
        int nameAt = s.indexOf(name.isEmpty() ? s.strip() : name);
        if (!NAME.matcher(name).matches()) {
            throw new ThresholdSyntaxException(s, Math.max(0, nameAt) + 1, name.isEmpty() ? "expected a metric name"
                    : "invalid metric name '" + name + "': use letters, digits and '_' (not first), at most 128 characters");
        }
        if (brace < 0) return new MetricSelector(s, name, Tags.EMPTY);
        return new MetricSelector(s, name, new FilterParser(s, brace + 1).parse());
    }

    /** How the selector is shown: the metric name, then the filter as written. */
    @Override
    public String toString() {
        return source.strip();
    }

    private static final class FilterParser {
        private final String s;
        private int pos;

        FilterParser(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        Tags parse() {
            Map<String, String> tags = new LinkedHashMap<>();
            while (true) {
                skipSpaces();
                int keyAt = pos;
                String key = token(":,{}", "a tag key");
                skipSpaces();
                if (!s.startsWith(":", pos)) throw error("expected ':' after tag key '" + key + "'");
                pos++;
                String value = token(",}", "a tag value");
                if (tags.containsKey(key)) {
                    pos = keyAt;
                    throw error("tag '" + key + "' is given twice");
                }
                tags.put(key, value);
                skipSpaces();
                if (pos >= s.length()) throw error("expected ',' or '}' to close the tag filter");
                char c = s.charAt(pos++);
                if (c == '}') break;
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}', found '" + c + "'");
                }
            }
            skipSpaces();
            if (pos != s.length()) throw error("unexpected '" + s.charAt(pos) + "' after the tag filter");
            return Tags.of(tags);
        }

        /** A quoted or bare token, ending before one of {@code stops}; bare tokens are trimmed. */
        private String token(String stops, String what) {
            skipSpaces();
            if (pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\'')) {
                char quote = s.charAt(pos);
                int end = s.indexOf(quote, pos + 1);
                if (end < 0) throw error("unclosed " + quote + " quote");
                String v = s.substring(pos + 1, end);
                pos = end + 1;
                skipSpaces();
                return v;
            }
            int start = pos;
            while (pos < s.length() && stops.indexOf(s.charAt(pos)) < 0) pos++;
            String v = s.substring(start, pos).strip();
            if (v.isEmpty()) {
                pos = start;
                throw error("expected " + what + (pos < s.length() ? ", found '" + s.charAt(pos) + "'" : ", found the end"));
            }
            return v;
        }

        private void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        private ThresholdSyntaxException error(String problem) {
            return new ThresholdSyntaxException(s, pos + 1, problem);
        }
    }
}
